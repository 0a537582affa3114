package io.lumen.protocol.moonlight.impl.stream;

/**
 * Keeps what the video puts on the wire (pictures, parity, headers) inside the client's budget: when the client's loss
 * reports make the parity grow, the encoder's rate comes down by as much, and goes back up when the parity shrinks.
 * The wire cost per picture byte is measured each second from what was sent, and believed only while the encoder
 * fills most of its rate: an idle desktop's few small frames carry far more parity per byte than a busy picture
 * would, and would otherwise starve the encoder when the picture gets busy.
 */
final class BitrateBudget {

    /** The encoder's rate moves only for a change bigger than this share. */
    static final double DEADBAND = 0.03;
    /** Below this share of its rate the encoder is idle, and its overhead tells nothing of a busy picture. */
    static final double BUSY_SHARE = 0.7;
    /**
     * The encoder never goes below this share of the wire budget. Low: on a link that loses in long runs, small
     * frames can carry more than three times their size in parity, and the budget holds even then.
     */
    static final double LOWEST_SHARE = 0.1;
    /** Weight of each second's measurement. */
    static final double SMOOTHING = 0.5;

    private final int wireKbps;
    private double overhead;
    private int encoderKbps;
    private long lastWireBytes;
    private long lastVideoBytes;
    private long lastNanos = Long.MIN_VALUE;

    /**
     * @param wireKbps    what the video may use on the wire: the client's bitrate less audio and headroom
     * @param encoderKbps the encoder's rate at the start, sized for the stream's base FEC
     */
    BitrateBudget(int wireKbps, int encoderKbps) {
        if (wireKbps <= 0 || encoderKbps <= 0) {
            throw new IllegalArgumentException("budget " + wireKbps + " kbps, encoder " + encoderKbps + " kbps");
        }
        this.wireKbps = wireKbps;
        this.encoderKbps = encoderKbps;
        this.overhead = Math.max(1, wireKbps / (double) encoderKbps);
    }

    int wireKbps() {
        return wireKbps;
    }

    synchronized int encoderKbps() {
        return encoderKbps;
    }

    /** Wire bytes per picture byte, as last believed. */
    synchronized double overhead() {
        return overhead;
    }

    /**
     * The stream's cumulative wire and picture bytes at {@code nanos}; returns the encoder's new rate, or 0 when it
     * stays.
     */
    synchronized int update(long wireBytes, long videoBytes, long nanos) {
        long wire = wireBytes - lastWireBytes;
        long video = videoBytes - lastVideoBytes;
        long elapsed = lastNanos == Long.MIN_VALUE ? 0 : nanos - lastNanos;
        lastWireBytes = wireBytes;
        lastVideoBytes = videoBytes;
        lastNanos = nanos;
        if (elapsed <= 0 || video <= 0) {
            return 0;
        }
        double videoKbps = video * 8e6 / elapsed;
        if (videoKbps < BUSY_SHARE * encoderKbps) {
            return 0;
        }
        overhead = (1 - SMOOTHING) * overhead + SMOOTHING * Math.max(1, wire / (double) video);
        int target = (int) Math.clamp(wireKbps / overhead, LOWEST_SHARE * wireKbps, wireKbps);
        if (Math.abs(target - encoderKbps) <= DEADBAND * encoderKbps) {
            return 0;
        }
        encoderKbps = target;
        return target;
    }
}
