package io.lumen.testkit.moonlight;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The requests a client's depacketizer has made and its control stream has not sent yet, held as moonlight-common-c
 * holds them (ControlStream.c): invalidation ranges wait in a bounded list and go out merged into one, from the
 * first one's start to the last one's end; a keyframe request makes the ranges waiting before it pointless; the
 * list overflowing turns into a keyframe request. Thread-safe: the receive thread offers, the control thread takes.
 */
final class HealRequests {

    /** The client gives up on invalidation and asks for a keyframe once this many ranges are waiting. */
    static final int PENDING_RANGES_LIMIT = 20;

    private final List<long[]> ranges = new ArrayList<>();
    private boolean keyframe;

    synchronized void keyframe() {
        ranges.clear();
        keyframe = true;
        notifyAll();
    }

    synchronized void invalidate(long firstFrame, long lastFrame) {
        if (ranges.size() == PENDING_RANGES_LIMIT) {
            keyframe();
            return;
        }
        ranges.add(new long[] {firstFrame, lastFrame});
        notifyAll();
    }

    /** What waits now, waiting up to {@code wait} for something; the keyframe request first, then one range. */
    synchronized List<HealRequest> take(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); !keyframe && ranges.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        List<HealRequest> taken = new ArrayList<>(2);
        if (keyframe) {
            taken.add(new HealRequest.Keyframe());
            keyframe = false;
        }
        if (!ranges.isEmpty()) {
            taken.add(new HealRequest.InvalidateReferences(ranges.getFirst()[0], ranges.getLast()[1]));
            ranges.clear();
        }
        return taken;
    }
}
