package io.lumen.tools.pwproducer;

import java.util.Arrays;

/** Latency samples in ns from any one thread at a time, summarised as p50, p99 and max. */
final class Latencies {

    /** @param count samples taken; the figures are in ms */
    record Summary(int count, double p50Millis, double p99Millis, double maxMillis) {
        static final Summary NONE = new Summary(0, Double.NaN, Double.NaN, Double.NaN);
    }

    private long[] samples = new long[4096];
    private int count;

    synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    synchronized Summary summary() {
        if (count == 0) {
            return Summary.NONE;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return new Summary(count, at(sorted, 0.50), at(sorted, 0.99), sorted[count - 1] / 1e6);
    }

    /** The nearest-rank percentile: the smallest sample at least {@code share} of the samples do not exceed. */
    private static double at(long[] sorted, double share) {
        int rank = (int) Math.ceil(share * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
