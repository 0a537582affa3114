package io.lumen.encode.opus.impl;

import io.lumen.api.audio.AudioEncoderConfig;
import io.lumen.api.audio.AudioEncoderSession;
import io.lumen.api.audio.AudioFormat;
import io.lumen.api.backend.BackendException;
import io.lumen.capture.synthetic.tone.Tone;
import io.lumen.testkit.audio.OpusDecoder;
import io.lumen.testkit.audio.ToneAnalysis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Opus backend against the real libopus, checked by decoding what it makes with the real decoder. */
class OpusEncoderBackendTest {

    /** The layouts Moonlight clients ask for, each channel coded as itself. */
    static final AudioEncoderConfig STEREO = config(AudioFormat.STEREO, 5, 1, 1, 96_000);
    static final AudioEncoderConfig SURROUND_51 = config(AudioFormat.SURROUND_51, 5, 4, 2, 256_000);
    static final AudioEncoderConfig SURROUND_71 = config(AudioFormat.SURROUND_71, 5, 5, 3, 450_000);
    static final List<AudioEncoderConfig> MOONLIGHT_LAYOUTS = List.of(STEREO, config(AudioFormat.STEREO, 5, 1, 1, 512_000),
            SURROUND_51, config(AudioFormat.SURROUND_51, 5, 6, 0, 1_536_000), SURROUND_71,
            config(AudioFormat.SURROUND_71, 5, 8, 0, 2_048_000));

    private final OpusEncoderBackend backend = new OpusEncoderBackend();

    @BeforeAll
    static void libopusIsInstalled() {
        assumeTrue(Opus.system().isAvailable(), "libopus: " + Opus.system().unavailableReason().orElse(""));
    }

    static AudioEncoderConfig config(AudioFormat format, int millis, int streams, int coupled, int bitrate) {
        byte[] identity = new byte[format.channels()];
        for (int c = 0; c < identity.length; c++) {
            identity[c] = (byte) c;
        }
        return new AudioEncoderConfig(format, millis, streams, coupled, identity, bitrate);
    }

    @Test
    void aToneComesBackAtItsFrequencyAndLevel() throws Exception {
        short[] decoded = roundTrip(STEREO, new Tone(1_000, 1_000), 100);
        for (int channel = 0; channel < 2; channel++) {
            double[] samples = ToneAnalysis.channel(decoded, 2, channel, 960); // past the codec's start-up
            assertEquals(1_000, ToneAnalysis.dominantFrequency(samples), 2, "channel " + channel);
            double expected = Tone.AMPLITUDE / Math.sqrt(2);
            assertEquals(expected, ToneAnalysis.rms(samples), expected * 0.15, "channel " + channel + " level");
            assertTrue(ToneAnalysis.purity(samples, 1_000) > 0.9, "a clean tone on channel " + channel);
        }
    }

    @Test
    void surroundChannelsComeBackOnTheirOwnChannelsThroughTheIdentityMapping() throws Exception {
        for (AudioEncoderConfig config : MOONLIGHT_LAYOUTS.subList(2, 6)) {
            int channels = config.format().channels();
            Tone tones = Tone.distinct(channels);
            short[] decoded = roundTrip(config, tones, 100);
            for (int c = 0; c < channels; c++) {
                double[] samples = ToneAnalysis.channel(decoded, channels, c, 960);
                assertEquals(tones.frequency(c), ToneAnalysis.dominantFrequency(samples), 3,
                        config + ": channel " + config.format().positions().get(c));
                double own = ToneAnalysis.power(samples, tones.frequency(c));
                for (int other = 0; other < channels; other++) {
                    // a coupled stream at 90 kbps adds codec noise, not the neighbour's tone: compare tones only
                    assertTrue(other == c || own > 100 * ToneAnalysis.power(samples, tones.frequency(other)),
                            config + ": channel " + c + " carries its own tone, not channel " + other + "'s");
                }
            }
        }
    }

    @Test
    void theMappingReachesLibopus() throws Exception {
        AudioEncoderConfig swapped = new AudioEncoderConfig(AudioFormat.STEREO, 5, 1, 1, new byte[] {1, 0}, 96_000);
        short[] decoded;
        try (OpusDecoder identity = new OpusDecoder(2, 1, 1, new byte[] {0, 1})) {
            decoded = roundTrip(swapped, new Tone(500, 1_500), 50, identity);
        }
        assertEquals(1_500, ToneAnalysis.dominantFrequency(ToneAnalysis.channel(decoded, 2, 0, 960)), 3,
                "input channel 1 was coded as channel 0");
        assertEquals(500, ToneAnalysis.dominantFrequency(ToneAnalysis.channel(decoded, 2, 1, 960)), 3);
    }

    @Test
    void everyPacketIsBitrateTimesDurationLongThroughToneAndSilence() throws Exception {
        for (AudioEncoderConfig layout : MOONLIGHT_LAYOUTS) {
            for (int millis : new int[] {5, 10}) {
                AudioEncoderConfig config = new AudioEncoderConfig(layout.format(), millis, layout.streams(),
                        layout.coupledStreams(), layout.mapping(), layout.bitrateBps());
                Set<Long> sizes = new HashSet<>();
                Tone tone = Tone.distinct(config.format().channels());
                try (Arena arena = Arena.ofConfined();
                     AudioEncoderSession session = backend.open(config)) {
                    MemorySegment pcm = arena.allocate((long) config.packetSamples() * config.format().frameBytes());
                    for (int packet = 0; packet < 40; packet++) {
                        if (packet % 10 < 5) {
                            tone.fill(pcm, config.packetSamples(), (long) packet * config.packetSamples());
                        } else {
                            pcm.fill((byte) 0); // CBR holds through silence too
                        }
                        sizes.add(session.encode(pcm).byteSize());
                    }
                }
                assertEquals(Set.of((long) config.bitrateBps() / 8 * millis / 1000), sizes,
                        config + ": bitrate x duration / 8, every packet");
            }
        }
    }

    @Test
    void theDescriptionNamesLibopusTheStreamsAndTheConstantBitrateAndFecIsOff() throws Exception {
        try (OpusEncoderSession session = (OpusEncoderSession) backend.open(SURROUND_51)) {
            assertTrue(session.description().matches("opus \\d+\\.\\d+\\S*, 4 streams \\(2 coupled\\), CBR 256 kbps"),
                    session.description());
            assertFalse(session.inbandFec(), "the protocol's FEC protects the packets, not Opus's own");
        }
        try (AudioEncoderSession session = backend.open(STEREO)) {
            assertTrue(session.description().endsWith(", 1 stream (1 coupled), CBR 96 kbps"), session.description());
        }
    }

    @Test
    void heapAndNativeSamplesMakeTheSamePackets() throws Exception {
        try (Arena arena = Arena.ofConfined();
             AudioEncoderSession fromNative = backend.open(SURROUND_71);
             AudioEncoderSession fromHeap = backend.open(SURROUND_71)) {
            MemorySegment pcm = arena.allocate((long) SURROUND_71.packetSamples() * SURROUND_71.format().frameBytes());
            Tone tone = Tone.distinct(8);
            for (int packet = 0; packet < 10; packet++) {
                tone.fill(pcm, SURROUND_71.packetSamples(), (long) packet * SURROUND_71.packetSamples());
                byte[] a = fromNative.encode(pcm).toArray(ValueLayout.JAVA_BYTE);
                byte[] b = fromHeap.encode(MemorySegment.ofArray(pcm.toArray(ValueLayout.JAVA_SHORT)))
                        .toArray(ValueLayout.JAVA_BYTE);
                assertArrayEquals(a, b, "packet " + packet);
            }
        }
    }

    @Test
    void aConfigLibopusRefusesIsAnErrorInItsOwnWords() {
        AudioEncoderConfig badMapping = new AudioEncoderConfig(AudioFormat.STEREO, 5, 1, 1, new byte[] {0, 9}, 96_000);
        BackendException refused = assertThrows(BackendException.class, () -> backend.open(badMapping));
        assertEquals("opus_multistream_encoder_create stereo 96 kbps 5 ms, 1 streams (1 coupled), mapping [0, 9]: "
                + "invalid argument (-1)", refused.getMessage());
    }

    @Test
    void pcmOfTheWrongLengthIsRefusedAndAClosedEncoderSaysSo() throws Exception {
        AudioEncoderSession session = backend.open(STEREO);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> session.encode(MemorySegment.ofArray(new short[241 * 2])));
        assertEquals("a packet's PCM is 960 bytes (240 samples of 2 channels), not 964", wrong.getMessage());
        session.close();
        session.close(); // harmless again
        assertEquals("the opus encoder is closed", assertThrows(BackendException.class,
                () -> session.encode(MemorySegment.ofArray(new short[240 * 2]))).getMessage());
    }

    @Test
    void withoutLibopusTheProbeSaysWhyAndOpenRefuses() {
        OpusEncoderBackend missing = new OpusEncoderBackend(Opus.load(Arena.ofAuto(), "libopus.so.999"));
        assertEquals("unavailable: libopus.so.999 not found", missing.probe().toString());
        BackendException refused = assertThrows(BackendException.class, () -> missing.open(STEREO));
        assertEquals("libopus is unavailable: libopus.so.999 not found", refused.getMessage());
        assertEquals("libm.so.6 has no opus_get_version_string",
                new OpusEncoderBackend(Opus.load(Arena.ofAuto(), "libm.so.6")).probe().reason());
        assertTrue(backend.probe().available(), backend.probe().toString());
        assertEquals("opus", backend.id());
    }

    /** Encodes {@code packets} packets of {@code tone} and decodes them all with the real decoder. */
    private short[] roundTrip(AudioEncoderConfig config, Tone tone, int packets) throws Exception {
        try (OpusDecoder decoder = new OpusDecoder(config)) {
            return roundTrip(config, tone, packets, decoder);
        }
    }

    private short[] roundTrip(AudioEncoderConfig config, Tone tone, int packets, OpusDecoder decoder)
            throws Exception {
        int frames = config.packetSamples();
        int channels = config.format().channels();
        short[] decoded = new short[packets * frames * channels];
        try (Arena arena = Arena.ofConfined();
             AudioEncoderSession session = backend.open(config)) {
            MemorySegment pcm = arena.allocate((long) frames * config.format().frameBytes(), Short.BYTES);
            for (int packet = 0; packet < packets; packet++) {
                tone.fill(pcm, frames, (long) packet * frames);
                short[] samples = decoder.decode(session.encode(pcm));
                assertEquals(frames * channels, samples.length, "a packet decodes to its duration");
                System.arraycopy(samples, 0, decoded, packet * frames * channels, samples.length);
            }
        }
        return decoded;
    }
}
