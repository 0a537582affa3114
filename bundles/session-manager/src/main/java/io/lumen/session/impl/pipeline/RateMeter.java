package io.lumen.session.impl.pipeline;

/**
 * Pictures and bytes per second over the last completed seconds, from per-second buckets: cheap to update on
 * the encode thread, read from any thread (a torn read only blurs a diagnostic figure).
 */
final class RateMeter {

    private static final int BUCKETS = 4;
    private static final int WINDOW_SECONDS = 2;

    private final long[] second = new long[BUCKETS];
    private final long[] count = new long[BUCKETS];
    private final long[] bytes = new long[BUCKETS];
    private final long originNanos;

    RateMeter(long originNanos) {
        this.originNanos = originNanos;
        java.util.Arrays.fill(second, -1);
    }

    synchronized void record(long nowNanos, long byteCount) {
        long sec = (nowNanos - originNanos) / 1_000_000_000L;
        int i = (int) (sec % BUCKETS);
        if (second[i] != sec) {
            second[i] = sec;
            count[i] = 0;
            bytes[i] = 0;
        }
        count[i]++;
        bytes[i] += byteCount;
    }

    /** {pictures per second, bits per second} over the last completed seconds before {@code nowNanos}. */
    synchronized double[] rates(long nowNanos) {
        long current = (nowNanos - originNanos) / 1_000_000_000L;
        long pictures = 0;
        long total = 0;
        int seconds = (int) Math.min(WINDOW_SECONDS, current);
        for (int back = 1; back <= seconds; back++) {
            long sec = current - back;
            int i = (int) (sec % BUCKETS);
            if (second[i] == sec) {
                pictures += count[i];
                total += bytes[i];
            }
        }
        if (seconds == 0) {
            return new double[] {0, 0};
        }
        return new double[] {pictures / (double) seconds, total * 8.0 / seconds};
    }
}
