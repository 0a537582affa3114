package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.InputKind;
import io.lumen.protocol.moonlight.impl.input.InputRejectedException.Reason;

import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one session's input stream carried: events by kind, packets turned away by reason, and events the session
 * threw on. Written by the control thread, read by diagnostics from any thread; an increment is one atomic add.
 */
public final class InputStats {

    private static final InputKind[] KINDS = InputKind.values();
    private static final Reason[] REASONS = Reason.values();

    private final AtomicLongArray events = new AtomicLongArray(KINDS.length);
    private final AtomicLongArray rejections = new AtomicLongArray(REASONS.length);
    private final AtomicLong sessionFailures = new AtomicLong();

    void decoded(InputKind kind) {
        events.incrementAndGet(kind.ordinal());
    }

    void rejected(Reason reason) {
        rejections.incrementAndGet(reason.ordinal());
    }

    void sessionFailed() {
        sessionFailures.incrementAndGet();
    }

    public long events(InputKind kind) {
        return events.get(kind.ordinal());
    }

    /** Events of every kind. */
    public long events() {
        long sum = 0;
        for (int i = 0; i < KINDS.length; i++) {
            sum += events.get(i);
        }
        return sum;
    }

    public long rejections(Reason reason) {
        return rejections.get(reason.ordinal());
    }

    /** Packets turned away for any reason. */
    public long rejections() {
        long sum = 0;
        for (int i = 0; i < REASONS.length; i++) {
            sum += rejections.get(i);
        }
        return sum;
    }

    /** Events the session threw on (a bug there; the stream went on). */
    public long sessionFailures() {
        return sessionFailures.get();
    }

    /** "1203 events (gamepad 1200, key 3), 1 rejected (truncated 1), 0 session failures". */
    @Override
    public String toString() {
        StringJoiner kinds = new StringJoiner(", ", " (", ")").setEmptyValue("");
        for (InputKind kind : KINDS) {
            long count = events(kind);
            if (count > 0) {
                kinds.add(kind.label() + " " + count);
            }
        }
        StringJoiner reasons = new StringJoiner(", ", " (", ")").setEmptyValue("");
        for (Reason reason : REASONS) {
            long count = rejections(reason);
            if (count > 0) {
                reasons.add(reason.label() + " " + count);
            }
        }
        return events() + " events" + kinds + ", " + rejections() + " rejected" + reasons + ", " + sessionFailures()
                + " session failures";
    }
}
