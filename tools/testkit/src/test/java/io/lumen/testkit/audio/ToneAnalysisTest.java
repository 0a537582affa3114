package io.lumen.testkit.audio;

import io.lumen.capture.synthetic.tone.Tone;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToneAnalysisTest {

    @Test
    void theDominantFrequencyIsFoundBetweenBinsAndTheLevelIsTheSineRms() {
        short[] interleaved = tone(4_800, 1_234.5, 7_000); // 100 ms: 10 Hz bins
        double[] left = ToneAnalysis.channel(interleaved, 2, 0, 0);
        double[] right = ToneAnalysis.channel(interleaved, 2, 1, 0);
        assertEquals(1_234.5, ToneAnalysis.dominantFrequency(left), 0.5);
        assertEquals(7_000, ToneAnalysis.dominantFrequency(right), 0.5);
        assertEquals(Tone.AMPLITUDE / Math.sqrt(2), ToneAnalysis.rms(left), 5);
        assertTrue(ToneAnalysis.purity(left, 1_234.5) > 0.95, "a sine is all at its frequency");
        assertTrue(ToneAnalysis.purity(left, 7_000) < 0.01, "and nothing at another's");
    }

    @Test
    void aToneThatSoundsOnlyLaterIsFoundWhereItSounds() {
        short[] beep = tone(9_600, 440, 440);
        short[] silenceThenBeep = new short[beep.length + 2 * 24_000];
        System.arraycopy(beep, 0, silenceThenBeep, 2 * 24_000, beep.length); // 500 ms of silence, 200 ms of tone
        assertEquals(440, ToneAnalysis.dominantFrequency(ToneAnalysis.channel(silenceThenBeep, 2, 0, 0)), 1);
    }

    @Test
    void channelsAreCutFromInterleavedSamplesPastTheSkip() {
        short[] interleaved = {1, 10, 2, 20, 3, 30};
        assertArrayEquals(new double[] {20, 30}, ToneAnalysis.channel(interleaved, 2, 1, 1));
    }

    private static short[] tone(int frames, double left, double right) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pcm = arena.allocate(frames * 4L, 2);
            new Tone(left, right).fill(pcm, frames, 0);
            return pcm.toArray(ValueLayout.JAVA_SHORT);
        }
    }
}
