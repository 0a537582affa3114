package io.lumen.session.impl.pipeline;

import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The repeat decisions of an encode loop driven on a stepped clock (no real waiting: every take is non-blocking). */
class FrameRepeaterTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final VideoMode MODE_60 = new VideoMode(64, 64, 60);

    private final LatestFrameSlot slot = new LatestFrameSlot();
    private final List<Frame> released = new ArrayList<>();
    private long now = 7 * SECOND;
    private long nextSequence;

    private FrameRepeater repeater(boolean enabled) {
        return new FrameRepeater(slot, MODE_60, enabled, () -> now);
    }

    private Frame frame() {
        Frame[] self = new Frame[1];
        self[0] = new Frame(MemorySegment.ofArray(new byte[64 * 64 * 4]), PixelFormat.BGRX, 64, 64, 256,
                nextSequence++, now, () -> released.add(self[0]));
        return self[0];
    }

    /** One step of the encode loop at the current time: a new frame is "encoded" and held, a repeat counted. */
    private FrameRepeater.Next step(FrameRepeater repeater) throws InterruptedException {
        FrameRepeater.Next next = repeater.next(0);
        if (next instanceof FrameRepeater.NewFrame(Frame frame)) {
            repeater.hold(frame);
        }
        return next;
    }

    /** Steps the clock 1 ms at a time over {@code millis}, delivering a frame at each of {@code frameTimes}. */
    private List<FrameRepeater.Repeat> run(FrameRepeater repeater, long millis, List<Long> frameTimes)
            throws InterruptedException {
        List<FrameRepeater.Repeat> repeats = new ArrayList<>();
        long start = now;
        int nextFrame = 0;
        for (long t = 0; t <= millis; t++) {
            now = start + t * MS;
            while (nextFrame < frameTimes.size() && frameTimes.get(nextFrame) <= now) {
                slot.put(frame());
                nextFrame++;
            }
            if (step(repeater) instanceof FrameRepeater.Repeat repeat) {
                repeats.add(repeat);
            }
        }
        return repeats;
    }

    @Test
    void anIdleSourceIsRepeatedAtTheClientsRate() throws InterruptedException {
        FrameRepeater repeater = repeater(true);
        List<FrameRepeater.Repeat> repeats = run(repeater, 1_000, List.of(now));
        // the first repeat waits an interval and a half (16.7 + 8.3 ms), then one per 16.7 ms interval
        assertTrue(repeats.size() >= 58 && repeats.size() <= 60, "one second idle at 60 fps: " + repeats.size());
        assertEquals(7 * SECOND + 25 * MS, repeats.getFirst().nowNanos(), "first repeat at 1.5 intervals");
        for (int i = 1; i < repeats.size(); i++) {
            long gap = repeats.get(i).nowNanos() - repeats.get(i - 1).nowNanos();
            assertTrue(gap >= 16 * MS && gap <= 17 * MS, "repeat " + i + " came " + gap / 1e6 + " ms after the last");
        }
        assertTrue(repeats.stream().allMatch(r -> r.last().sequence() == 0), "the one frame is what repeats");
        assertTrue(released.isEmpty(), "the repeated frame stays held");
    }

    @Test
    void aSourceAtTheClientsRateIsNeverRepeated() throws InterruptedException {
        Random random = new Random(11);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // 60 Hz with up to +-4 ms of jitter
            times.add(now + Math.round(i * SECOND / 60.0) + (long) ((random.nextDouble() * 8 - 4) * MS));
        }
        FrameRepeater repeater = repeater(true);
        assertEquals(List.of(), run(repeater, 5_000, times).stream().filter(r -> r.nowNanos() < times.getLast()).toList());
        assertEquals(299, released.size(), "each frame is released once the next one is held");
    }

    @Test
    void nothingRepeatsBeforeTheFirstFrameNorWhenTurnedOff() throws InterruptedException {
        assertEquals(List.of(), run(repeater(true), 500, List.of()));
        FrameRepeater off = repeater(false);
        assertEquals(List.of(), run(off, 500, List.of(now + 10 * MS)));
        assertEquals(1, released.size(), "with repeats off a frame is released as soon as it is encoded");
    }

    @Test
    void aFrameArrivingWhileRepeatingGoesFirstAndEndsTheRepeats() throws InterruptedException {
        FrameRepeater repeater = repeater(true);
        slot.put(frame());
        step(repeater);
        now += 25 * MS;
        assertInstanceOf(FrameRepeater.Repeat.class, step(repeater), "idle: the first repeat");
        now += 17 * MS;
        // a repeat is due and a new frame waits: the frame is taken, the repeat is not sent
        slot.put(frame());
        FrameRepeater.Next next = step(repeater);
        assertEquals(1, assertInstanceOf(FrameRepeater.NewFrame.class, next).frame().sequence());
        assertNull(step(repeater), "the repeat that was due is gone with the new frame");
        assertEquals(List.of(0L), released.stream().map(Frame::sequence).toList(), "the old frame went back");
        now += 16 * MS;
        assertNull(step(repeater), "a source at the client's rate may be a little late without a repeat");
        now += 9 * MS;
        FrameRepeater.Repeat repeat = assertInstanceOf(FrameRepeater.Repeat.class, step(repeater));
        assertEquals(1, repeat.last().sequence(), "the newest frame repeats");
    }

    @Test
    void aLateRepeatStartsANewGridRatherThanABurst() throws InterruptedException {
        FrameRepeater repeater = repeater(true);
        slot.put(frame());
        step(repeater);
        now += 500 * MS; // the encode thread was held up for half a second
        assertInstanceOf(FrameRepeater.Repeat.class, step(repeater));
        assertNull(step(repeater), "no catching up on the repeats that were missed");
        now += 17 * MS;
        assertInstanceOf(FrameRepeater.Repeat.class, step(repeater));
    }

    @Test
    void aReplacedCapturesPictureIsNotRepeated() throws InterruptedException {
        FrameRepeater repeater = repeater(true);
        slot.put(frame());
        step(repeater);
        repeater.forget(nextSequence); // the capture closed; the next one numbers on from here
        now += SECOND;
        assertNull(step(repeater), "nothing to repeat until the new capture's first frame");
        assertEquals(1, released.size(), "the old capture's frame went back");
        slot.put(frame());
        step(repeater);
        now += 25 * MS;
        assertEquals(1, assertInstanceOf(FrameRepeater.Repeat.class, step(repeater)).last().sequence());
        repeater.drop();
        assertEquals(2, released.size(), "the encode thread ending gives the held frame back");
    }
}
