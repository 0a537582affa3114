package io.lumen.itest;

import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.StreamingTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When each video frame was complete at a test client, read off its stream on a thread of its own so the client's
 * socket is drained while the benchmark waits on the host. Only arrival times and keyframe flags are kept.
 */
final class ClientArrivals implements AutoCloseable {

    /** One frame as the client completed it: wall-clock microseconds (the clock {@code SwapEvent.at} uses). */
    record Arrival(long micros, boolean idr, int bytes) {
    }

    private final List<Arrival> arrivals = new ArrayList<>();
    private final Thread reader;
    private volatile boolean closed;

    private ClientArrivals(StreamingTestClient stream) {
        this.reader = new Thread(() -> read(stream), "swap-bench-client-frames");
        this.reader.setDaemon(true);
    }

    static ClientArrivals start(StreamingTestClient stream) {
        ClientArrivals arrivals = new ClientArrivals(stream);
        arrivals.reader.start();
        return arrivals;
    }

    private void read(StreamingTestClient stream) {
        try {
            while (!closed) {
                ReceivedFrame frame = stream.video().next(Duration.ofMillis(100));
                if (frame != null) {
                    synchronized (this) {
                        arrivals.add(new Arrival(frame.completedMicros(), frame.idr(), frame.data().length));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized int count() {
        return arrivals.size();
    }

    /** Frames per second completed after the last keyframe since {@code sinceMicros}; NaN without two. */
    synchronized double rateAfterLastKeyframeSince(long sinceMicros) {
        int after = framesAfterLastKeyframeSince(sinceMicros);
        if (after < 1) {
            return Double.NaN;
        }
        long span = arrivals.getLast().micros() - arrivals.get(arrivals.size() - 1 - after).micros();
        return span <= 0 ? Double.NaN : after * 1e6 / span;
    }

    /** When the first keyframe at or after {@code sinceMicros} was complete; Long.MIN_VALUE for none. */
    synchronized long firstKeyframeSince(long sinceMicros) {
        return arrivals.stream().filter(a -> a.idr() && a.micros() >= sinceMicros).mapToLong(Arrival::micros)
                .findFirst().orElse(Long.MIN_VALUE);
    }

    /** The size of the first keyframe at or after {@code sinceMicros}, 0 for none. */
    synchronized int firstKeyframeBytesSince(long sinceMicros) {
        return arrivals.stream().filter(a -> a.idr() && a.micros() >= sinceMicros).mapToInt(Arrival::bytes)
                .findFirst().orElse(0);
    }

    /** Frames complete after the last keyframe that arrived at or after {@code sinceMicros}; -1 without one. */
    synchronized int framesAfterLastKeyframeSince(long sinceMicros) {
        for (int i = arrivals.size() - 1; i >= 0 && arrivals.get(i).micros() >= sinceMicros; i--) {
            if (arrivals.get(i).idr()) {
                return arrivals.size() - 1 - i;
            }
        }
        return -1;
    }

    /**
     * The longest gap between two consecutive frames the client completed, from the last frame before
     * {@code sinceMicros} to the last keyframe since then: what a viewer sees of a swap begun at that time. In ms;
     * NaN without a keyframe since.
     */
    synchronized double longestGapMillis(long sinceMicros) {
        int first = 0;
        while (first + 1 < arrivals.size() && arrivals.get(first + 1).micros() < sinceMicros) {
            first++;
        }
        int lastKeyframe = -1;
        for (int i = first; i < arrivals.size(); i++) {
            if (arrivals.get(i).idr() && arrivals.get(i).micros() >= sinceMicros) {
                lastKeyframe = i;
            }
        }
        if (lastKeyframe < 0) {
            return Double.NaN;
        }
        long longest = 0;
        for (int i = first + 1; i <= lastKeyframe; i++) {
            longest = Math.max(longest, arrivals.get(i).micros() - arrivals.get(i - 1).micros());
        }
        return longest / 1000.0;
    }

    /** Drops what was measured, keeping the last frame as the start of the next gap. */
    synchronized void forgetBefore(long micros) {
        int keep = 0;
        while (keep + 1 < arrivals.size() && arrivals.get(keep + 1).micros() < micros) {
            keep++;
        }
        arrivals.subList(0, keep).clear();
    }

    @Override
    public void close() {
        closed = true;
        try {
            reader.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
