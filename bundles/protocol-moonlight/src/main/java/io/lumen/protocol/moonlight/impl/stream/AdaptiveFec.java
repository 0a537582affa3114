package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.control.FrameFecStatus;

/**
 * The client's loss reports steer the video's FEC percentage. A client reports every frame it had to repair or
 * lost; when a frame was lost, or a repair used most of the block's parity, the next loss may be past repair, so
 * the percentage goes up a step (at most once per half second, up to a ceiling); after a quiet spell it comes back
 * down a step at a time to the base. The parity costs bitrate only while the link needs it.
 */
final class AdaptiveFec {

    static final int STEP_UP = 10;
    static final int STEP_DOWN = 5;
    static final long RAISE_SPACING_NANOS = 500_000_000L;
    static final long QUIET_NANOS = 10_000_000_000L;
    /** Three quarters of the parity used: one more lost shard in such a block and the frame would have been gone. */
    static final double NEAR_MISS = 0.75;

    private final int base;
    private final int ceiling;
    private int percent;
    private long lastRaise = Long.MIN_VALUE / 2;
    private long lastTrouble = Long.MIN_VALUE / 2;
    private long lastLower = Long.MIN_VALUE / 2;

    AdaptiveFec(int base, int ceiling) {
        if (base < 0 || ceiling < base || ceiling > 255) {
            throw new IllegalArgumentException("FEC " + base + "% to " + ceiling + "%");
        }
        this.base = base;
        this.ceiling = ceiling;
        this.percent = base;
    }

    synchronized int percent() {
        return percent;
    }

    /** A client report at {@code nanos}; returns the percentage to use from now on. */
    synchronized int report(FrameFecStatus status, long nanos) {
        int parity = status.totalParity();
        // a repaired block's "lost" also counts what had not come yet when the client had enough to repair
        boolean trouble = status.unrecoverable() || parity == 0
                || status.shardsLost() >= NEAR_MISS * parity;
        if (trouble) {
            lastTrouble = nanos;
            if (percent < ceiling && nanos - lastRaise >= RAISE_SPACING_NANOS) {
                percent = Math.min(ceiling, percent + STEP_UP);
                lastRaise = nanos;
            }
        }
        return percent;
    }

    /** Time passing at {@code nanos}; returns the percentage to use from now on. */
    synchronized int tick(long nanos) {
        if (percent > base && nanos - lastTrouble >= QUIET_NANOS && nanos - lastLower >= QUIET_NANOS) {
            percent = Math.max(base, percent - STEP_DOWN);
            lastLower = nanos;
        }
        return percent;
    }
}
