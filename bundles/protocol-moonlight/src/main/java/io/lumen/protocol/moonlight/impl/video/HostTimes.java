package io.lumen.protocol.moonlight.impl.video;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last few hundred per-frame host times (access unit in to last packet out), for p50/p99 on demand. One
 * writer (the encode thread) records without allocating; readers copy and sort.
 */
final class HostTimes {

    /** Percentiles over the samples kept. */
    record Summary(long samples, long p50Nanos, long p99Nanos, long maxNanos) {
    }

    private final AtomicLongArray ring;
    private final AtomicLong recorded = new AtomicLong();

    HostTimes(int capacity) {
        this.ring = new AtomicLongArray(capacity);
    }

    void record(long nanos) {
        long n = recorded.get();
        ring.setRelease((int) (n % ring.length()), nanos);
        recorded.setRelease(n + 1);
    }

    Summary summary() {
        long total = recorded.getAcquire();
        int kept = (int) Math.min(total, ring.length());
        if (kept == 0) {
            return new Summary(0, 0, 0, 0);
        }
        long[] values = new long[kept];
        for (int i = 0; i < kept; i++) {
            values[i] = ring.getAcquire(i);
        }
        Arrays.sort(values);
        return new Summary(total, percentile(values, 50), percentile(values, 99), values[kept - 1]);
    }

    /** Nearest rank. */
    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
