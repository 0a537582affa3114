package io.lumen.session.impl.pipeline;

import java.util.Arrays;

/** The last few thousand latencies, for a median and a 99th percentile that follow the stream as it goes. */
final class LatencyWindow {

    private final long[] samples;
    private int next;
    private int count;

    LatencyWindow(int size) {
        samples = new long[size];
    }

    synchronized void record(long nanos) {
        samples[next] = nanos;
        next = (next + 1) % samples.length;
        count = Math.min(count + 1, samples.length);
    }

    /** The {@code fraction} quantile (0.5, 0.99) of the window; -1 while it is empty. */
    long quantile(double fraction) {
        long[] copy;
        synchronized (this) {
            if (count == 0) {
                return -1;
            }
            copy = Arrays.copyOf(samples, count);
        }
        Arrays.sort(copy);
        return copy[(int) Math.min(copy.length - 1, Math.floor(fraction * copy.length))];
    }
}
