package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.api.audio.AudioEncoderSession;
import io.lumen.capture.synthetic.tone.Tone;
import io.lumen.encode.opus.impl.OpusEncoderBackend;
import io.lumen.testkit.audio.OpusDecoder;
import io.lumen.testkit.audio.ToneAnalysis;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The DESCRIBE lines, read back the way the client reads them (moonlight-common-c {@code parseOpusConfigurations}),
 * and the channels that come out of a decoder set up from them.
 */
class SurroundParamsTest {

    /** What the client makes of a DESCRIBE body for {@code channels}: its decoder's streams, coupled, mapping. */
    private record ClientConfig(int streams, int coupled, byte[] mapping) {
    }

    private static ClientConfig clientReads(String body, int channels, boolean highQuality) {
        String prefix = SurroundParams.PREFIX + channels;
        int at = body.indexOf(prefix);
        if (highQuality) {
            at = body.indexOf(prefix, at + prefix.length());
        }
        String digits = body.substring(at + prefix.length());
        byte[] mapping = new byte[channels];
        for (int i = 0; i < channels; i++) {
            mapping[i] = (byte) (digits.charAt(2 + i) - '0');
        }
        if (!highQuality) {
            // GFE listed LFE last; the client moves the last entry to index 3 and shifts the rest up
            byte[] original = mapping.clone();
            mapping[3] = original[channels - 1];
            System.arraycopy(original, 3, mapping, 4, channels - 4);
        }
        return new ClientConfig(digits.charAt(0) - '0', digits.charAt(1) - '0', mapping);
    }

    @Test
    void theLinesHostsSend() {
        assertEquals(List.of(
                "a=fmtp:97 surround-params=21101",
                "a=fmtp:97 surround-params=21101",
                "a=fmtp:97 surround-params=642012453",
                "a=fmtp:97 surround-params=660012345",
                "a=fmtp:97 surround-params=85301245673",
                "a=fmtp:97 surround-params=88001234567"), SurroundParams.lines());
    }

    @Test
    void theClientEndsUpWithTheHostsIdentityMapping() {
        String body = String.join("\n", SurroundParams.lines()) + "\n";
        for (int channels : new int[] {6, 8}) {
            for (boolean highQuality : new boolean[] {false, true}) {
                ClientConfig config = clientReads(body, channels, highQuality);
                OpusLayout host = AudioLayouts.of(channels, highQuality);
                assertEquals(host.streams(), config.streams());
                assertEquals(host.coupledStreams(), config.coupled());
                assertArrayEquals(host.mapping(), config.mapping(), channels + " channels, HQ " + highQuality);
            }
        }
    }

    @Test
    void sunshinesSevenPointOneLineWouldSwapChannels() {
        // Sunshine rotates only indexes 3..5; the client's fix-up then leaves LFE, SL and SR out of place
        ClientConfig config = clientReads(SurroundParams.PREFIX + "85301245367\n", 8, false);
        assertEquals("[0, 1, 2, 7, 4, 5, 3, 6]", Arrays.toString(config.mapping()));
    }

    @Test
    void eachChannelPlaysWhereItWasCaptured() throws Exception {
        OpusEncoderBackend opus = new OpusEncoderBackend();
        assumeTrue(opus.probe().available(), "libopus: " + opus.probe());
        String body = String.join("\n", SurroundParams.lines()) + "\n";
        for (int channels : new int[] {2, 6, 8}) {
            for (boolean highQuality : new boolean[] {false, true}) {
                OpusLayout layout = AudioLayouts.of(channels, highQuality);
                ClientConfig client = channels == 2 ? new ClientConfig(1, 1, new byte[] {0, 1}) // stereo: fixed
                        : clientReads(body, channels, highQuality);
                Tone tones = Tone.distinct(channels);
                short[] decoded = encodeAndDecode(opus, layout, tones, client);
                for (int c = 0; c < channels; c++) {
                    double[] samples = ToneAnalysis.channel(decoded, channels, c, 960);
                    int loudest = 0;
                    for (int candidate = 1; candidate < channels; candidate++) {
                        if (ToneAnalysis.power(samples, tones.frequency(candidate))
                                > ToneAnalysis.power(samples, tones.frequency(loudest))) {
                            loudest = candidate;
                        }
                    }
                    assertEquals(c, loudest, AudioLayouts.name(channels, highQuality) + " channel " + c
                            + " carries the tone captured on channel " + loudest);
                }
            }
        }
    }

    private static short[] encodeAndDecode(OpusEncoderBackend opus, OpusLayout layout, Tone tones,
                                           ClientConfig client) throws Exception {
        int frames = 60;
        int samplesPerFrame = 240;
        short[] all = new short[frames * samplesPerFrame * layout.channels()];
        try (Arena arena = Arena.ofConfined();
             AudioEncoderSession encoder = opus.open(layout.encoderConfig(5));
             OpusDecoder decoder = new OpusDecoder(layout.channels(), client.streams(), client.coupled(),
                     client.mapping())) {
            MemorySegment pcm = arena.allocate((long) samplesPerFrame * layout.channels() * Short.BYTES, Short.BYTES);
            for (int frame = 0; frame < frames; frame++) {
                tones.fill(pcm, samplesPerFrame, (long) frame * samplesPerFrame);
                short[] samples = decoder.decode(encoder.encode(pcm));
                System.arraycopy(samples, 0, all, frame * samples.length, samples.length);
            }
        }
        return all;
    }
}
