package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.protocol.moonlight.impl.audio.opus.Opus;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusLayout;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusMultistreamEncoder;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusTestDecoder;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
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
        assumeTrue(Opus.system().isAvailable(), "libopus not installed");
        String body = String.join("\n", SurroundParams.lines()) + "\n";
        for (int channels : new int[] {2, 6, 8}) {
            for (boolean highQuality : new boolean[] {false, true}) {
                OpusLayout layout = AudioLayouts.of(channels, highQuality);
                ClientConfig client = channels == 2 ? new ClientConfig(1, 1, new byte[] {0, 1}) // stereo: fixed
                        : clientReads(body, channels, highQuality);
                short[] decoded = encodeAndDecode(layout, client);
                double[] candidates = new double[channels];
                for (int c = 0; c < channels; c++) {
                    candidates[c] = ToneSource.frequency(c);
                }
                for (int c = 0; c < channels; c++) {
                    double[] samples = Signal.channel(decoded, channels, c, 960);
                    assertEquals(ToneSource.frequency(c), Signal.dominant(samples, candidates),
                            AudioLayouts.name(channels, highQuality) + " channel " + c);
                }
            }
        }
    }

    private static short[] encodeAndDecode(OpusLayout layout, ClientConfig client) throws Exception {
        ToneSource tones = ToneSource.distinct(layout.channels());
        int frames = 60;
        short[] all = new short[frames * 240 * layout.channels()];
        try (OpusMultistreamEncoder encoder = OpusMultistreamEncoder.open(Opus.system(), layout, 240,
                AudioRtp.MAX_OPUS_PACKET_BYTES);
             OpusTestDecoder decoder = new OpusTestDecoder(layout.channels(), client.streams(), client.coupled(),
                     client.mapping())) {
            for (int frame = 0; frame < frames; frame++) {
                tones.read(encoder.pcm(), layout.channels(), encoder.frameSamples());
                short[] samples = decoder.decode(encoder.encode().toArray(ValueLayout.JAVA_BYTE));
                System.arraycopy(samples, 0, all, frame * samples.length, samples.length);
            }
        }
        return all;
    }
}
