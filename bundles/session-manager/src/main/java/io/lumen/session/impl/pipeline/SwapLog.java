package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.session.SwapEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The swaps of one session. A video swap's stall runs from the last picture sent before it to the first keyframe
 * sent after it, so it stays open until that keyframe goes out; "sent" is when the picture's last packet left the
 * host where the sink reports it (what a client sees), else when the picture was handed to the sink. An audio swap's runs to the first packet of the
 * new encoder, or to the first packet of the new capture's sound. An input swap's lasts while the new backend opens
 * and takes over what the client holds.
 */
final class SwapLog {

    private static final int KEPT = 64;

    private static final class Entry {
        final BackendRole role;
        final String from;
        final String to;
        final String reason;
        final Instant at;
        final long stallStartNanos;
        final SwapEvent.StallTiming startTiming;
        Duration stall;
        SwapEvent.StallTiming timing;

        Entry(BackendRole role, String from, String to, String reason, Instant at, long stallStartNanos,
              SwapEvent.StallTiming startTiming) {
            this.role = role;
            this.from = from;
            this.to = to;
            this.reason = reason;
            this.at = at;
            this.stallStartNanos = stallStartNanos;
            this.startTiming = startTiming;
            this.timing = startTiming;
        }

        SwapEvent event() {
            return new SwapEvent(role, from, to, reason, at, Optional.ofNullable(stall), timing);
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long total;

    synchronized void begin(BackendRole role, String from, String to, String reason, long stallStartNanos,
                            SwapEvent.StallTiming startTiming) {
        entries.addLast(new Entry(role, from, to, reason, Instant.now(), stallStartNanos, startTiming));
        total++;
        if (entries.size() > KEPT) {
            entries.removeFirst();
        }
    }

    /**
     * Closes the open video swaps when a keyframe went out at {@code sentNanos}; returns the ones it closed. The
     * stall counts as timed at sending only when both its ends were.
     */
    synchronized List<SwapEvent> pictureSent(boolean keyframe, long sentNanos, SwapEvent.StallTiming timing) {
        return keyframe ? close(role -> role == BackendRole.CAPTURE || role == BackendRole.ENCODER, sentNanos, timing)
                : List.of();
    }

    /** Closes the open audio swaps a packet ends: encoder swaps by any packet, capture swaps by captured sound. */
    synchronized List<SwapEvent> audioSent(boolean captured, long nowNanos) {
        return close(role -> role == BackendRole.AUDIO_ENCODER || (captured && role == BackendRole.AUDIO_CAPTURE),
                nowNanos, SwapEvent.StallTiming.HANDED_ON);
    }

    /** Closes an input swap: the new backend is open (or none could be) and has what the client holds. */
    synchronized List<SwapEvent> inputSwapped(long nowNanos) {
        return close(role -> role == BackendRole.INPUT, nowNanos, SwapEvent.StallTiming.HANDED_ON);
    }

    private List<SwapEvent> close(java.util.function.Predicate<BackendRole> roles, long nowNanos,
                                  SwapEvent.StallTiming endTiming) {
        List<SwapEvent> closed = new ArrayList<>(1);
        for (Entry entry : entries) {
            if (entry.stall == null && roles.test(entry.role)) {
                entry.stall = Duration.ofNanos(Math.max(0, nowNanos - entry.stallStartNanos));
                entry.timing = entry.startTiming == SwapEvent.StallTiming.SENT && endTiming == SwapEvent.StallTiming.SENT
                        ? SwapEvent.StallTiming.SENT : SwapEvent.StallTiming.HANDED_ON;
                closed.add(entry.event());
            }
        }
        return closed;
    }

    synchronized List<SwapEvent> events() {
        return entries.stream().map(Entry::event).toList();
    }

    synchronized long total() {
        return total;
    }
}
