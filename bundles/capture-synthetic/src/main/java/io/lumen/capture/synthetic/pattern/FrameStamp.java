package io.lumen.capture.synthetic.pattern;

/**
 * What a synthetic picture says about itself.
 *
 * @param counter      the frame counter, kept to {@value StampCodec#COUNTER_BITS} bits
 * @param captureMicros wall-clock microseconds since the epoch at capture, kept modulo 2^{@value StampCodec#TIME_BITS}
 */
public record FrameStamp(long counter, long captureMicros) {

    public FrameStamp {
        counter &= (1L << StampCodec.COUNTER_BITS) - 1;
        captureMicros &= (1L << StampCodec.TIME_BITS) - 1;
    }

    /** A stamp for {@code counter} taken now. */
    public static FrameStamp now(long counter) {
        java.time.Instant t = java.time.Instant.now();
        return new FrameStamp(counter, t.getEpochSecond() * 1_000_000L + t.getNano() / 1000);
    }

    /**
     * Microseconds from this stamp's capture to {@code laterMicros} (wall clock, same machine), undoing the
     * modulo as long as less than about 12 days passed.
     */
    public long microsUntil(long laterMicros) {
        long mask = (1L << StampCodec.TIME_BITS) - 1;
        return ((laterMicros & mask) - captureMicros) & mask;
    }
}
