package io.lumen.protocol.moonlight.impl.video;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The schedule, on a clock that moves only when the pacer waits: no real time involved. */
class VideoPacerTest {

    /** Advances by exactly what is asked. */
    private static final class SteppedClock implements VideoPacer.Clock {
        long now = 1_000_000;
        final List<Long> waits = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkNanos(long nanos) {
            waits.add(nanos);
            now += nanos;
        }
    }

    /** 1024-byte datagrams at 8.192 Gbit/s: one every microsecond; 64 per batch. */
    private static final long RATE = 8_192_000_000L;

    @Test
    void batchesLeaveWhenTheRateAllowsThePacketsBeforeThem() {
        SteppedClock clock = new SteppedClock();
        VideoPacer pacer = new VideoPacer(RATE, 1024, clock);
        assertEquals(64, pacer.batchPackets());
        long start = clock.now;
        pacer.startFrame();
        for (int sent = 0; sent < 200; sent += 64) {
            pacer.awaitBatch();
            assertEquals(start + sent * 1_000L, clock.now, "batch after " + sent + " packets");
            pacer.sent(Math.min(64, 200 - sent));
        }
        pacer.endFrame();
        assertEquals(List.of(64_000L, 64_000L, 64_000L), clock.waits);
    }

    @Test
    void aFrameRightBehindTheLastOneWaitsForItsSchedule() {
        SteppedClock clock = new SteppedClock();
        VideoPacer pacer = new VideoPacer(RATE, 1024, clock);
        long start = clock.now;
        pacer.startFrame();
        pacer.awaitBatch();
        pacer.sent(64);
        pacer.endFrame();
        clock.now += 10_000; // the next access unit arrives 10 us later, before the 64 us are up

        pacer.startFrame();
        pacer.awaitBatch();
        assertEquals(start + 64_000, clock.now, "the first batch of the next frame waits for the previous one");
    }

    @Test
    void aLateFrameDoesNotWaitForTime() {
        SteppedClock clock = new SteppedClock();
        VideoPacer pacer = new VideoPacer(RATE, 1024, clock);
        pacer.startFrame();
        pacer.sent(64);
        pacer.endFrame();
        clock.now += 5_000_000;
        pacer.startFrame();
        pacer.awaitBatch();
        pacer.sent(64);
        long before = clock.now;
        pacer.awaitBatch();
        assertEquals(before + 64_000, clock.now, "the schedule starts again from now, not from the past");
    }

    @Test
    void batchesStayUnder64KilobytesAnd64Packets() {
        assertEquals(46, new VideoPacer(RATE, 1408, new SteppedClock()).batchPackets());
        assertEquals(64, new VideoPacer(RATE, 96, new SteppedClock()).batchPackets());
        assertEquals(1, new VideoPacer(RATE, 65_507, new SteppedClock()).batchPackets());
    }
}
