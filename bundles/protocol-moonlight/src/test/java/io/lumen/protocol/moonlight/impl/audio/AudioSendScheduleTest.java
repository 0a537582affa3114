package io.lumen.protocol.moonlight.impl.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sender's cadence on a clock the test moves by hand. */
class AudioSendScheduleTest {

    private static final long PERIOD = 5_000_000;

    @Test
    void deadlinesAreAbsoluteSoLateWakeUpsDoNotDrift() {
        SendSchedule schedule = new SendSchedule(PERIOD, 30);
        long start = 1_000_000_000L;
        schedule.start(start);
        for (int n = 0; n < 10_000; n++) {
            long wokeUp = start + n * PERIOD + 700_000; // always 0.7 ms late
            assertEquals(0, schedule.take(wokeUp));
        }
        assertEquals(PERIOD * 10_000 + start, schedule.untilDue(0), "the next deadline is start + 10000 periods");
    }

    @Test
    void aLateSenderCatchesUpBackToBack() {
        SendSchedule schedule = new SendSchedule(PERIOD, 30);
        schedule.start(0);
        long now = 3 * PERIOD + PERIOD / 2; // woke up three and a half periods late
        int sent = 0;
        while (schedule.untilDue(now) <= 0) {
            assertEquals(0, schedule.take(now));
            sent++;
        }
        assertEquals(4, sent, "the frames due at 0, 5, 10 and 15 ms go out at once");
        assertEquals(PERIOD / 2, schedule.untilDue(now), "then the cadence is the original one");
    }

    @Test
    void aSenderTooFarBehindSkipsTheBacklog() {
        SendSchedule schedule = new SendSchedule(PERIOD, 30);
        schedule.start(0);
        long now = 100 * PERIOD + 1_000;
        assertEquals(100, schedule.take(now), "frames 0..99 skipped, frame 100 sent");
        assertEquals(PERIOD - 1_000, schedule.untilDue(now), "the next one is due a period after the one sent");
        assertEquals(0, schedule.take(now + PERIOD));
    }

    @Test
    void justUnderTheLimitIsCaughtUpNotSkipped() {
        SendSchedule schedule = new SendSchedule(PERIOD, 30);
        schedule.start(0);
        assertEquals(0, schedule.take(29 * PERIOD));
        assertEquals(-28 * PERIOD, schedule.untilDue(29 * PERIOD));
    }
}
