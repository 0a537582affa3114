package io.lumen.session.impl.pipeline;

import io.lumen.api.media.VideoMode;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramePacerTest {

    private static final long SECOND = 1_000_000_000L;

    private static FramePacer pacer(int fps) {
        return new FramePacer(new VideoMode(1920, 1080, fps));
    }

    /** How many of the frames of a producer at {@code producerHz} over {@code seconds} the pacer keeps. */
    private static int kept(FramePacer pacer, double producerHz, int seconds, long jitterNanos, long seed) {
        Random random = new Random(seed);
        int kept = 0;
        long frames = Math.round(producerHz * seconds);
        for (long i = 0; i < frames; i++) {
            long jitter = jitterNanos == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitterNanos);
            if (pacer.admit(5 * SECOND + Math.round(i * SECOND / producerHz) + jitter)) {
                kept++;
            }
        }
        return kept;
    }

    @Test
    void aFasterProducerIsHeldToTheClientsRate() {
        assertEquals(300, kept(pacer(30), 60, 10, 0, 1), "60 Hz to 30 fps: every other frame");
        int from144 = kept(pacer(60), 144, 10, 0, 1);
        assertTrue(from144 >= 595 && from144 <= 605, "144 Hz to 60 fps over 10 s kept " + from144);
        int from37 = kept(pacer(30), 37, 10, 2_000_000, 7);
        assertTrue(from37 >= 295 && from37 <= 305, "a jittery 37 Hz window to 30 fps over 10 s kept " + from37);
    }

    @Test
    void aProducerAtTheClientsRateKeepsEveryFrameDespiteJitter() {
        assertEquals(600, kept(pacer(60), 60, 10, 3_000_000, 3), "+-3 ms on a 16.7 ms interval");
        assertEquals(300, kept(pacer(30), 30, 10, 5_000_000, 5), "+-5 ms on a 33.3 ms interval");
        assertEquals(100, kept(pacer(60), 10, 10, 0, 1), "a slower producer loses nothing");
    }

    @Test
    void aPauseOrAClockThatWentBackStartsANewGridWithoutABurst() {
        FramePacer pacer = pacer(30);
        long t = 10 * SECOND;
        assertTrue(pacer.admit(t));
        assertFalse(pacer.admit(t + 10_000_000), "10 ms later is too early at 30 fps");
        long resumed = t + 3 * SECOND;
        assertTrue(pacer.admit(resumed), "the first frame after a pause");
        assertFalse(pacer.admit(resumed + 1_000_000), "no burst owed for the pause");
        assertTrue(pacer.admit(resumed + 34_000_000));
        assertTrue(pacer.admit(2_000_000), "a producer whose clock restarted is not held back until it catches up");
        assertFalse(pacer.admit(3_000_000));
        // the old grid is due at 35.3 ms; a new source at 20 ms is due at 53.3 ms
        pacer.startAt(20_000_000);
        assertFalse(pacer.admit(35_000_000), "a new source's frames are held to a grid of their own");
        assertTrue(pacer.admit(20_000_000 + 34_000_000));
    }
}
