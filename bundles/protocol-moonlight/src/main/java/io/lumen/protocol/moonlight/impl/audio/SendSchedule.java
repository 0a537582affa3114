package io.lumen.protocol.moonlight.impl.audio;

/**
 * When the next audio packet is due, on the monotonic clock. Deadlines are absolute (start + n periods), so waking
 * late never shifts the cadence. A sender that is late catches up by sending back to back; one that is
 * {@code maxBacklog} periods or more late skips the backlog and goes on from now, as Sunshine's 30-frame capture
 * queue empties itself when full.
 */
final class SendSchedule {

    private final long periodNanos;
    private final int maxBacklog;
    private long deadline;

    SendSchedule(long periodNanos, int maxBacklog) {
        this.periodNanos = periodNanos;
        this.maxBacklog = maxBacklog;
    }

    /** The first packet is due at {@code now}. */
    void start(long now) {
        deadline = now;
    }

    /** Nanoseconds until the next packet is due; zero or less when it is due. */
    long untilDue(long now) {
        return deadline - now;
    }

    /**
     * Takes the packet that is due at {@code now}; returns how many earlier frames were skipped to catch up (0
     * unless the sender fell {@code maxBacklog} periods behind).
     */
    long take(long now) {
        long missed = (now - deadline) / periodNanos;
        long skipped = 0;
        if (missed >= maxBacklog) {
            skipped = missed;
            deadline += missed * periodNanos;
        }
        deadline += periodNanos;
        return skipped;
    }
}
