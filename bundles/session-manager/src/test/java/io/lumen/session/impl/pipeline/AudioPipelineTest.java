package io.lumen.session.impl.pipeline;

import io.lumen.api.audio.AudioEncoderConfig;
import io.lumen.api.audio.AudioFormat;
import io.lumen.api.audio.AudioPacket;
import io.lumen.api.audio.AudioPacketSink;
import io.lumen.api.audio.AudioRequest;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.backend.Probe;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.AudioStats;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.SwapEvent;
import io.lumen.session.impl.backend.BackendRegistry;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/** A session's audio pipeline with its backends changing underneath as DS would change them. */
class AudioPipelineTest {

    private record Sent(long sequence, long captureNanos, boolean silence, String encoder, int first, int last,
                        int bytes, long sentNanos) {
    }

    /** Keeps what the session sent, in order. */
    private static final class Recorder implements AudioPacketSink {
        final List<Sent> packets = new ArrayList<>();

        @Override
        public synchronized void accept(AudioPacket packet) {
            String[] tag = new String(packet.data().toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII)
                    .split(":");
            packets.add(new Sent(packet.sequence(), packet.captureNanos(), packet.silence(), tag[0],
                    Integer.parseInt(tag[1]), Integer.parseInt(tag[2]), Integer.parseInt(tag[3]), System.nanoTime()));
        }

        synchronized List<Sent> snapshot() {
            return List.copyOf(packets);
        }

        synchronized long count(java.util.function.Predicate<Sent> which) {
            return packets.stream().filter(which).count();
        }
    }

    private static final int STEREO_5MS_BYTES = 240 * 4;

    private final Backends backends = new Backends();
    private final Recorder recorder = new Recorder();
    private final TickingCapture video = new TickingCapture("ticks");
    private long nextServiceId = 1;
    private SessionPipeline pipeline;
    private PipelineSettings settings = PipelineSettings.DEFAULTS;
    private final TaggingEncoder pictures = new TaggingEncoder("tags");

    private <T> Registration<T> register(BackendRegistry<T> registry, T service, String id, int ranking) {
        Registration<T> r = new Registration<>(service, id, ranking, nextServiceId++, "test", Probe::ok, List::of);
        registry.put(r);
        return r;
    }

    private void start(AudioFormat format, int packetMillis) {
        register(backends.captures(), video, "ticks", 0);
        register(backends.encoders(), pictures, "tags", 0);
        byte[] identity = new byte[format.channels()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = (byte) i;
        }
        int coupled = format.channels() == 2 ? 1 : format.channels() == 6 ? 2 : 3;
        AudioEncoderConfig encoding = new AudioEncoderConfig(format, packetMillis, format.channels() - coupled, coupled,
                identity, 96_000);
        StreamRequest request = StreamRequest.of("test", new VideoMode(64, 48, 30), 5000)
                .withAudio(new AudioRequest(encoding, false, Map.of()));
        pipeline = new SessionPipeline("a1", request, unit -> { }, recorder, null, backends, settings, System.getLogger("test"), p -> { });
        pipeline.start();
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.stop();
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Poll.every(Duration.ofMillis(5)).awaits(what, Duration.ofSeconds(10), condition);
    }

    private AudioStats audio() {
        return pipeline.stats().audio();
    }

    private static void assertSequenceContinuous(List<Sent> packets) {
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(i, packets.get(i).sequence, "packet numbering continues across swaps and silence");
        }
    }

    @Test
    void periodsOfAnyLengthAreCutIntoWholePacketsStampedWithTheirFirstSamplesCaptureTime() throws Exception {
        PcmTicker ticker = new PcmTicker("pcm", 1000);
        ticker.periodFrames = 100; // 2.08 ms: a packet of 240 frames spans two or three periods
        register(backends.audioCaptures(), ticker, "pcm", 0);
        register(backends.audioEncoders(), new TaggingAudioEncoder("opus"), "opus", 0);
        start(AudioFormat.STEREO, 5);
        await("60 packets of captured sound", () -> recorder.count(p -> !p.silence) >= 60);
        List<Sent> sent = recorder.snapshot().stream().filter(p -> !p.silence).toList();
        for (Sent p : sent) {
            assertEquals(STEREO_5MS_BYTES, p.bytes, "a packet holds exactly 5 ms of stereo PCM");
            assertEquals(1000, p.first);
            assertEquals(1000, p.last, "a packet is filled to its end before it is encoded");
        }
        for (int i = 1; i < sent.size(); i++) {
            long step = sent.get(i).captureNanos - sent.get(i - 1).captureNanos;
            assertTrue(Math.abs(step - 5_000_000) < 50_000, "packet " + i + " starts 5 ms of capture after the last: " + step);
        }
        assertSequenceContinuous(recorder.snapshot());
        AudioStats stats = audio();
        assertEquals("pcm", stats.captureBackend());
        assertEquals("opus", stats.encoderBackend());
        assertTrue(stats.latencyP50Nanos() >= 0 && stats.latencyP99Nanos() >= stats.latencyP50Nanos(), stats.toString());
        assertTrue(stats.encoding().contains("stereo") && stats.encoding().contains("opus test encoder"), stats.encoding());
    }

    @Test
    void withoutACaptureTheClientGetsSilenceAtItsOwnCadence() throws Exception {
        register(backends.audioEncoders(), new TaggingAudioEncoder("opus"), "opus", 0);
        start(AudioFormat.SURROUND_51, 10);
        await("silence packets", () -> recorder.count(p -> p.silence) >= 30);
        List<Sent> sent = recorder.snapshot();
        assertTrue(sent.stream().allMatch(p -> p.silence && p.first == 0 && p.bytes == 480 * 12), "all silence, 10 ms of 5.1");
        double spanMillis = (sent.get(sent.size() - 1).sentNanos - sent.get(0).sentNanos) / 1e6;
        assertTrue(spanMillis >= (sent.size() - 1) * 10 - 15, "silence keeps the 10 ms cadence instead of bursting: "
                + sent.size() + " packets in " + spanMillis + " ms");
        assertEquals("none", audio().captureBackend());
        assertEquals(sent.size(), audio().silencePackets(), 1.0);
    }

    @Test
    void aBetterCaptureArrivingTakesOverAndTheGapIsMeasured() throws Exception {
        PcmTicker low = new PcmTicker("low", 1000);
        PcmTicker high = new PcmTicker("high", 2000);
        register(backends.audioCaptures(), low, "low", 0);
        register(backends.audioEncoders(), new TaggingAudioEncoder("opus"), "opus", 0);
        start(AudioFormat.STEREO, 5);
        await("sound from low", () -> recorder.count(p -> p.first == 1000) >= 20);
        register(backends.audioCaptures(), high, "high", 10);
        pipeline.reselect(BackendRole.AUDIO_CAPTURE, "audio-capture high arrived", -1);
        await("sound from high", () -> recorder.count(p -> p.first == 2000) >= 20);
        assertEquals(1, low.closed.get(), "the replaced capture is closed");
        List<Sent> sent = recorder.snapshot();
        int firstHigh = sent.indexOf(sent.stream().filter(p -> p.first == 2000).findFirst().orElseThrow());
        assertTrue(sent.subList(firstHigh, sent.size()).stream().noneMatch(p -> p.first == 1000),
                "no sound of the old capture follows the new one's");
        assertSequenceContinuous(sent);
        SwapEvent swap = audio().captureBackend().equals("high") ? pipeline.stats().swaps().stream()
                .filter(s -> s.role() == BackendRole.AUDIO_CAPTURE).findFirst().orElseThrow() : null;
        assertNotNull(swap);
        assertEquals("low", swap.from());
        assertEquals("high", swap.to());
        assertTrue(swap.stall().isPresent(), "the gap closes with the new capture's first packet");
        assertTrue(swap.stall().get().toMillis() < 1_000, swap.toString());
    }

    @Test
    void aCaptureThatEndsIsFollowedBySilenceNotByALowerRankedOneUntilOneRankedAsHighArrivesOrAPin()
            throws Exception {
        PcmTicker ending = new PcmTicker("ending", 3000);
        ending.endAfterPeriods = 50;
        PcmTicker tone = new PcmTicker("tone", 1000);
        register(backends.audioCaptures(), ending, "ending", 10);
        register(backends.audioCaptures(), tone, "tone", 0);
        register(backends.audioEncoders(), new TaggingAudioEncoder("opus"), "opus", 0);
        start(AudioFormat.STEREO, 5);
        await("the ended capture is given up", () -> ending.closed.get() == 1 && "none".equals(audio().captureBackend()));
        await("silence fills in", () -> recorder.count(p -> p.silence) >= 5);
        pipeline.reselect(BackendRole.AUDIO_CAPTURE, "audio-capture tone arrived", -1);
        assertEquals("none", audio().captureBackend(), "the desktop's sound going away does not become a test tone");
        assertEquals(0, tone.opened.get());

        PcmTicker peer = new PcmTicker("peer", 2000);
        register(backends.audioCaptures(), peer, "peer", 10);
        pipeline.reselect(BackendRole.AUDIO_CAPTURE, "audio-capture peer arrived", -1);
        await("sound from a capture ranked as high", () -> recorder.count(p -> p.first == 2000) >= 10);
        assertEquals(1, ending.opened.get(), "an ended capture is not reopened for the session");
        assertTrue(recorder.count(p -> p.first == 3000) >= 15, "the first capture's sound went out before it ended");
        assertSequenceContinuous(recorder.snapshot());
        assertTrue(audio().silencePackets() >= 5);
    }

    @Test
    void afterAnEndAPinnedCaptureIsTakenWhateverItsRanking() throws Exception {
        PcmTicker ending = new PcmTicker("ending", 3000);
        ending.endAfterPeriods = 20;
        PcmTicker tone = new PcmTicker("tone", 1000);
        register(backends.audioCaptures(), ending, "ending", 10);
        register(backends.audioCaptures(), tone, "tone", 0);
        register(backends.audioEncoders(), new TaggingAudioEncoder("opus"), "opus", 0);
        start(AudioFormat.STEREO, 5);
        await("silence after the end", () -> "none".equals(audio().captureBackend())
                && recorder.count(p -> p.silence) >= 3);
        backends.setPins(Map.of(BackendRole.AUDIO_CAPTURE, "tone"));
        pipeline.reselect(BackendRole.AUDIO_CAPTURE, "pinned to tone by configuration", -1);
        await("sound from the pinned capture", () -> recorder.count(p -> p.first == 1000) >= 10);
    }

    @Test
    void aDepartingEncoderIsClosedAndTheNextEncodesFromTheNextPacket() throws Exception {
        PcmTicker ticker = new PcmTicker("pcm", 1000);
        TaggingAudioEncoder first = new TaggingAudioEncoder("first");
        TaggingAudioEncoder second = new TaggingAudioEncoder("second");
        register(backends.audioCaptures(), ticker, "pcm", 0);
        Registration<?> gone = register(backends.audioEncoders(), first, "first", 10);
        register(backends.audioEncoders(), second, "second", 0);
        start(AudioFormat.SURROUND_71, 5);
        await("packets from first", () -> recorder.count(p -> p.encoder.equals("first")) >= 10);
        backends.audioEncoders().remove(first);
        pipeline.reselect(BackendRole.AUDIO_ENCODER, "audio-encoder first departed", gone.serviceId());
        assertEquals(1, first.closed.get(), "the departing encoder is closed before the unbind returns");
        await("packets from second", () -> recorder.count(p -> p.encoder.equals("second")) >= 10);
        assertSequenceContinuous(recorder.snapshot());
        SwapEvent swap = pipeline.stats().swaps().stream().filter(s -> s.role() == BackendRole.AUDIO_ENCODER)
                .findFirst().orElseThrow();
        assertEquals("second", swap.to());
        assertTrue(swap.stall().isPresent());
        assertEquals(0, ticker.closed.get(), "an encoder swap leaves the capture running");
    }

    @Test
    void aSwapNeverClosesTheEncoderUnderAPacketTheSinkStillReads() throws Exception {
        register(backends.audioCaptures(), new PcmTicker("pcm", 1000), "pcm", 0);
        register(backends.audioEncoders(), new TaggingAudioEncoder("base"), "base", 0);
        start(AudioFormat.STEREO, 5);
        await("packets", () -> recorder.count(p -> true) >= 10);
        for (int i = 0; i < 200; i++) { // each swap closes the encoder whose memory the last packet was
            TaggingAudioEncoder passing = new TaggingAudioEncoder("passing");
            Registration<?> r = register(backends.audioEncoders(), passing, "passing", 10);
            pipeline.reselect(BackendRole.AUDIO_ENCODER, "passing arrived", -1);
            backends.audioEncoders().remove(passing);
            pipeline.reselect(BackendRole.AUDIO_ENCODER, "passing departed", r.serviceId());
        }
        long now = recorder.count(p -> true);
        await("packets after the swaps", () -> recorder.count(p -> true) >= now + 10);
        assertFalse(audio().dropped().containsKey("sink failed"), "the sink read a closed packet: " + audio().dropped());
        assertSequenceContinuous(recorder.snapshot());
    }

    @Test
    void aLateAudioThreadDropsTheOldestPcmAndCountsIt() throws Exception {
        PcmTicker ticker = new PcmTicker("pcm", 1000);
        TaggingAudioEncoder slow = new TaggingAudioEncoder("slow");
        slow.encodeMillis = 15; // three times the packet duration
        register(backends.audioCaptures(), ticker, "pcm", 0);
        register(backends.audioEncoders(), slow, "slow", 0);
        start(AudioFormat.STEREO, 5);
        await("PCM dropped for a late thread", () -> audio().droppedTotal() >= 20);
        assertTrue(audio().dropped().keySet().stream().anyMatch(k -> k.contains("late")), audio().dropped().toString());
        await("a few packets more", () -> recorder.count(p -> !p.silence) >= 30);
        // the queue holds 40 ms: a packet never waits much longer than that before it is encoded
        assertTrue(audio().latencyP99Nanos() < 200_000_000L, "latency stays bounded: " + audio().latencyP99Nanos());
    }

    @Test
    void audioLeavesWithThePicturesCapturedWithItUpToTheConfiguredHold() throws Exception {
        pictures.encodeMillis = 40; // a slow encoder: pictures leave about 40 ms after capture
        register(backends.audioCaptures(), new PcmTicker("pcm", 1000), "pcm", 0);
        register(backends.audioEncoders(), new TaggingAudioEncoder("opus"), "opus", 0);
        settings = new PipelineSettings(100);
        start(AudioFormat.STEREO, 5);
        await("audio held for the pictures", () -> audio().syncNanos() >= 20_000_000L);
        long from = recorder.count(p -> true);
        await("50 packets held", () -> recorder.count(p -> true) >= from + 50);
        List<Sent> held = recorder.snapshot().subList((int) from, (int) from + 50);
        // the picture nearest a packet's first sample was captured at most half a frame interval (17 ms) before it
        assertTrue(held.stream().allMatch(p -> p.sentNanos - p.captureNanos >= 20_000_000L),
                "each packet leaves with its picture, about 40 ms after its capture");
        assertTrue(held.stream().allMatch(p -> p.sentNanos - p.captureNanos < 100_000_000L), "within the hold's bound");
        assertEquals(0, audio().droppedTotal(), "the queue holds what waits: " + audio().dropped());
    }

    @Test
    void theHoldIsBoundedAndZeroTurnsItOff() throws Exception {
        pictures.encodeMillis = 40;
        register(backends.audioCaptures(), new PcmTicker("pcm", 1000), "pcm", 0);
        register(backends.audioEncoders(), new TaggingAudioEncoder("opus"), "opus", 0);
        settings = new PipelineSettings(0);
        start(AudioFormat.STEREO, 5);
        await("pictures and 60 packets", () -> pipeline.stats().framesEncoded() >= 5
                && recorder.count(p -> !p.silence) >= 60);
        assertEquals(0, audio().syncNanos());
        List<Sent> sent = recorder.snapshot();
        long late = sent.subList(sent.size() - 40, sent.size()).stream()
                .filter(p -> p.sentNanos - p.captureNanos > 30_000_000L).count();
        assertTrue(late < 4, "without the hold audio leaves as soon as it is encoded: " + late + " of 40 late");
    }

    @Test
    void aSessionWithoutAudioHasNoAudioStats() throws Exception {
        register(backends.captures(), video, "ticks", 0);
        register(backends.encoders(), pictures, "tags", 0);
        pipeline = new SessionPipeline("v1", StreamRequest.of("test", new VideoMode(64, 48, 30), 5000), unit -> { },
                null, null, backends, PipelineSettings.DEFAULTS, System.getLogger("test"), p -> { });
        pipeline.start();
        assertNull(pipeline.stats().audio());
    }
}
