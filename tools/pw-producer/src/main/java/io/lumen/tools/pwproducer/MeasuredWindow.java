package io.lumen.tools.pwproducer;

/**
 * The frames a measurement counts, by capture sequence: from the first frame after the warm-up to the first frame
 * after the measured time, that one excluded. Every stage asks by sequence, so a frame the encoder takes late still
 * counts when it was delivered inside the window.
 */
final class MeasuredWindow {

    private volatile long first = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    void open(long sequence) {
        first = sequence;
    }

    void close(long sequence) {
        end = sequence;
    }

    boolean contains(long sequence) {
        return sequence >= first && sequence < end;
    }
}
