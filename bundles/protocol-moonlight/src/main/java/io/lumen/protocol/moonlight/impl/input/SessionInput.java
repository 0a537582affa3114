package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputKind;
import io.lumen.protocol.moonlight.impl.input.InputRejectedException.Reason;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One session's input: decodes what its client sends, counts it, and hands each event to the session, whose input
 * backend injects it. Fed by the session's control thread, which also closes it when the stream stops.
 * <p>
 * Nothing a client sends and nothing the session throws escapes {@link #receive}: a bad packet is counted and the
 * first of each reason logged; a failure of the session is logged once and counted.
 */
public final class SessionInput implements AutoCloseable {

    /** Where the decoded events go: the session ({@code StreamSession.inject}). */
    @FunctionalInterface
    public interface Target {
        void inject(InputEvent event, long arrivalNanos);
    }

    private final String sessionId;
    private final Target target;
    private final System.Logger log;
    private final InputStats stats = new InputStats();
    /** One bit per {@link Reason}: logged once for this session. */
    private final AtomicInteger reasonsLogged = new AtomicInteger();
    private final AtomicBoolean targetFailureLogged = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public SessionInput(String sessionId, Target target, System.Logger log) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.target = Objects.requireNonNull(target, "target");
        this.log = Objects.requireNonNull(log, "log");
    }

    public String sessionId() {
        return sessionId;
    }

    public InputStats stats() {
        return stats;
    }

    /**
     * The payload of one control message 0x0206 in {@code message[offset, offset + length)}, which arrived at
     * {@code arrivalNanos} ({@code System.nanoTime()}): decoded, counted and handed to the session. Ignored after
     * {@link #close()}.
     *
     * @return whether it decoded into an event
     * @throws IndexOutOfBoundsException offset and length outside the array (the caller's bug)
     */
    public boolean receive(byte[] message, int offset, int length, long arrivalNanos) {
        if (closed.get()) {
            return false;
        }
        InputEvent event;
        try {
            event = InputDecoder.decode(sessionId, message, offset, length);
        } catch (InputRejectedException rejected) {
            stats.rejected(rejected.reason());
            if (firstTime(reasonsLogged, rejected.reason().ordinal())) {
                log.log(System.Logger.Level.INFO, "input: rejected a packet from session " + sessionId + " ("
                        + rejected.getMessage() + "); further " + rejected.reason().label()
                        + " packets are counted, not logged");
            }
            return false;
        }
        stats.decoded(InputKind.of(event));
        try {
            target.inject(event, arrivalNanos);
        } catch (RuntimeException failure) {
            stats.sessionFailed();
            if (targetFailureLogged.compareAndSet(false, true)) {
                log.log(System.Logger.Level.WARNING, "input: session " + sessionId + " failed to take a "
                        + InputKind.of(event).label() + " event; further failures are counted, not logged", failure);
            }
        }
        return true;
    }

    /** No more events are taken; the session itself lets go of what the client held when it stops. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            log.log(System.Logger.Level.DEBUG, "input: session " + sessionId + " ended: " + stats);
        }
    }

    /** Sets {@code bit}; true for the caller that set it. */
    private static boolean firstTime(AtomicInteger bits, int bit) {
        int mask = 1 << bit;
        int seen = bits.get();
        while ((seen & mask) == 0) {
            if (bits.compareAndSet(seen, seen | mask)) {
                return true;
            }
            seen = bits.get();
        }
        return false;
    }
}
