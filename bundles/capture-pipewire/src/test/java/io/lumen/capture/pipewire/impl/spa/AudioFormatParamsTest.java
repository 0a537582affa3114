package io.lumen.capture.pipewire.impl.spa;

import io.lumen.api.audio.AudioFormat;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AudioFormatParamsTest {

    @Test
    void moonlightsBackPairIsPipeWiresRearPair() {
        assertEquals("[ FL FR ]", AudioFormatParams.positionProperty(AudioFormat.STEREO));
        assertEquals("[ FL FR FC LFE RL RR ]", AudioFormatParams.positionProperty(AudioFormat.SURROUND_51));
        assertEquals("[ FL FR FC LFE RL RR SL SR ]", AudioFormatParams.positionProperty(AudioFormat.SURROUND_71));
    }

    @Test
    void theOfferedFormatReadsBackAsS16At48kHzInTheRequestedOrder() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pod = new SpaPodBuilder().write(AudioFormatParams.enumFormat(AudioFormat.SURROUND_71))
                    .toSegment(arena);
            AudioFormatParams.NegotiatedAudioFormat read = AudioFormatParams.parseFormat(pod);
            assertEquals(AudioFormatParams.S16_LE, read.sampleFormat());
            assertEquals(48_000, read.rate());
            assertEquals(8, read.channels());
            assertEquals(List.of(3, 4, 5, 6, 12, 13, 7, 8), read.positions());
            assertEquals("S16LE 48000 Hz 8 ch [FL FR FC LFE RL RR SL SR]", read.toString());
        } catch (SpaPodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTruncatedOrForeignPodIsRefusedNotRead() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pod = new SpaPodBuilder().write(AudioFormatParams.enumFormat(AudioFormat.STEREO))
                    .toSegment(arena);
            pod.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, 4000); // claims more than it holds
            assertThrows(SpaPodException.class, () -> AudioFormatParams.parseFormat(pod.asSlice(0, 40)));
            assertThrows(SpaPodException.class, () -> AudioFormatParams.parseFormat(arena.allocate(8)));
        }
    }
}
