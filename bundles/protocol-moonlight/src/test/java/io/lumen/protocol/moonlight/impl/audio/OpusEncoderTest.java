package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.protocol.moonlight.impl.audio.opus.Opus;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusLayout;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusMultistreamEncoder;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusTestDecoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The libopus binding against the real library, checked by decoding what it makes with the real decoder. */
class OpusEncoderTest {

    @BeforeAll
    static void libopusIsInstalled() {
        assumeTrue(Opus.system().isAvailable(), "libopus: " + Opus.system().unavailableReason().orElse(""));
    }

    @Test
    void aToneComesBackAtItsFrequencyAndLevel() throws Exception {
        short[] decoded = roundTrip(AudioLayouts.STEREO, new ToneSource(1000), 100);
        for (int channel = 0; channel < 2; channel++) {
            double[] samples = Signal.channel(decoded, 2, channel, 960); // past the codec's start-up
            assertEquals(1000, Signal.zeroCrossingFrequency(samples), 10, "channel " + channel);
            double expected = ToneSource.AMPLITUDE / Math.sqrt(2);
            assertEquals(expected, Signal.rms(samples), expected * 0.15, "channel " + channel + " level");
            assertTrue(Signal.power(samples, 1000) > 1000 * Signal.power(samples, 1500), "a clean tone");
        }
    }

    @Test
    void silenceComesBackSilent() throws Exception {
        short[] decoded = roundTrip(AudioLayouts.STEREO, new SilenceSource(), 50);
        assertTrue(Signal.rms(Signal.channel(decoded, 2, 0, 0)) < 1, "digital silence stays silence");
    }

    @Test
    void everyLayoutOpensAndMakesPacketsOfOneSizeAtBothDurations() throws Exception {
        for (OpusLayout layout : AudioLayouts.ALL) {
            for (int durationMs : new int[] {5, 10}) {
                Set<Integer> sizes = new HashSet<>();
                ToneSource tone = ToneSource.distinct(layout.channels());
                SilenceSource silence = new SilenceSource();
                try (OpusMultistreamEncoder encoder = OpusMultistreamEncoder.open(Opus.system(), layout,
                        48 * durationMs, 4000)) {
                    assertTrue(encoder.constantBitrate());
                    for (int frame = 0; frame < 40; frame++) {
                        AudioSource source = frame % 10 < 5 ? tone : silence; // CBR holds through silence too
                        source.read(encoder.pcm(), layout.channels(), encoder.frameSamples());
                        sizes.add((int) encoder.encode().byteSize());
                    }
                }
                assertEquals(Set.of(layout.bitrate() / 8 * durationMs / 1000), sizes, layout + " at " + durationMs
                        + " ms: bitrate x duration / 8, every packet");
            }
        }
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        OpusMultistreamEncoder encoder = OpusMultistreamEncoder.open(Opus.system(), AudioLayouts.SURROUND_71_HQ, 240,
                AudioRtp.MAX_OPUS_PACKET_BYTES);
        encoder.close();
        encoder.close();
    }

    @Test
    void theVersionIsLibopusOwn() {
        String version = Opus.system().version().orElseThrow();
        assertTrue(version.matches("\\d+\\.\\d+.*"), version);
        assertFalse(version.startsWith("libopus"), version);
    }

    /** Encodes {@code frames} 5 ms frames from {@code source} and decodes them all. */
    private static short[] roundTrip(OpusLayout layout, AudioSource source, int frames) throws Exception {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        try (OpusMultistreamEncoder encoder = OpusMultistreamEncoder.open(Opus.system(), layout, 240,
                AudioRtp.MAX_OPUS_PACKET_BYTES); OpusTestDecoder decoder = new OpusTestDecoder(layout)) {
            for (int frame = 0; frame < frames; frame++) {
                source.read(encoder.pcm(), layout.channels(), encoder.frameSamples());
                short[] samples = decoder.decode(encoder.encode().toArray(ValueLayout.JAVA_BYTE));
                for (short sample : samples) {
                    pcm.write(sample & 0xff);
                    pcm.write(sample >> 8 & 0xff);
                }
            }
        }
        byte[] bytes = pcm.toByteArray();
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xff) | bytes[2 * i + 1] << 8);
        }
        return samples;
    }
}
