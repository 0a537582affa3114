package io.lumen.capture.synthetic.tone;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signal as a function of capture time, which is what lets a receiver compute what was sent. */
class BeepSignalTest {

    private final BeepSignal signal = BeepSignal.parse("440, 1000", 2);

    @Test
    void itSoundsInTheFirstQuarterOfEverySecondOfTheClockNegativeTimesIncluded() {
        long second = 7 * BeepSignal.SECOND_NANOS;
        assertTrue(BeepSignal.sounding(second));
        assertTrue(BeepSignal.sounding(second + 249_999_999L));
        assertFalse(BeepSignal.sounding(second + 250_000_000L));
        assertFalse(BeepSignal.sounding(second - 1));
        assertTrue(BeepSignal.sounding(-BeepSignal.SECOND_NANOS + 1), "nanoTime may be negative");
        assertFalse(BeepSignal.sounding(-1));
    }

    @Test
    void everyBeepStartsAtPhaseZeroSoASampleDependsOnlyOnItsTimeInTheSecond() {
        assertEquals(0, signal.sample(0, 3 * BeepSignal.SECOND_NANOS));
        long quarterCycleOf1k = 250_000L;
        assertEquals(Tone.AMPLITUDE, signal.sample(1, 5 * BeepSignal.SECOND_NANOS + quarterCycleOf1k));
        assertEquals(signal.sample(0, 123_456_789L), signal.sample(0, -4 * BeepSignal.SECOND_NANOS + 123_456_789L));
        assertEquals(0, signal.sample(1, 500_000_000L), "silent after the beep");
    }

    @Test
    void theOptionGivesOneFrequencyForAllOrOnePerChannel() {
        assertEquals(440, BeepSignal.parse(null, 6).tone().frequency(5));
        assertEquals(550, BeepSignal.parse("550", 8).tone().frequency(7));
        assertEquals(1000, signal.tone().frequency(1));
        assertEquals("440, 1000 Hz beeps of 250 ms on every second", signal.toString());
    }
}
