package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.SwapEvent;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/** The swap state machine of one session, with the backends changing underneath as DS would change them. */
class SessionPipelineTest {

    private record Picture(long number, String encoder, long sequence, boolean keyframe) {
    }

    /** Keeps what the session sent, in order. */
    private static final class Recorder implements AccessUnitSink {
        final List<Picture> pictures = new ArrayList<>();

        @Override
        public synchronized void accept(AccessUnit unit) {
            String[] tag = new String(unit.data().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                    StandardCharsets.US_ASCII).split(":");
            pictures.add(new Picture(unit.frameNumber(), tag[0], Long.parseLong(tag[1]), unit.keyframe()));
        }

        synchronized List<Picture> snapshot() {
            return List.copyOf(pictures);
        }

        synchronized long countFrom(String encoder) {
            return pictures.stream().filter(p -> p.encoder.equals(encoder)).count();
        }
    }

    private final Backends backends = new Backends();
    private final Recorder recorder = new Recorder();
    private final TickingCapture capture = new TickingCapture("ticks");
    private long nextServiceId = 1;
    private SessionPipeline pipeline;

    private <T> Registration<T> register(io.lumen.session.impl.backend.BackendRegistry<T> registry, T service,
                                         String id, int ranking) {
        Registration<T> r = new Registration<>(service, id, ranking, nextServiceId++, "test", io.lumen.api.backend.Probe::ok,
                List::of);
        registry.put(r);
        return r;
    }

    private void start() {
        start(StreamRequest.of("test", new VideoMode(64, 48, 200), 5000));
    }

    private void start(StreamRequest request) {
        pipeline = new SessionPipeline("t1", request, recorder, null, null, backends, PipelineSettings.DEFAULTS, System.getLogger("test"), p -> {
        });
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

    /**
     * Frame numbers run 0,1,2,... with no gap or repeat, and capture sequences never go back (a swap's stall may send
     * the last picture again, under its own sequence).
     */
    private static void assertContinuous(List<Picture> pictures) {
        for (int i = 0; i < pictures.size(); i++) {
            assertEquals(i, pictures.get(i).number, "frame numbering continues across swaps");
            if (i > 0) {
                assertTrue(pictures.get(i).sequence >= pictures.get(i - 1).sequence, "no reordering at " + i);
            }
        }
    }

    /** The first picture of each encoder after a change of encoder is a keyframe. */
    private static void assertKeyframeAfterEverySwap(List<Picture> pictures) {
        for (int i = 1; i < pictures.size(); i++) {
            if (!pictures.get(i).encoder.equals(pictures.get(i - 1).encoder)) {
                assertTrue(pictures.get(i).keyframe, "picture " + i + " from " + pictures.get(i).encoder + " opens with a keyframe");
            }
        }
    }

    @Test
    void aCaptureThatEndsIsReplacedByTheNextAndTheStreamGoesOn() throws Exception {
        TickingCapture ending = new TickingCapture("ending");
        ending.endAfterFrames = 10;
        ending.endReason = "the producer left the graph";
        register(backends.captures(), ending, "ending", 50);
        register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), new TaggingEncoder("tags"), "tags", 0);
        start();
        await("the session falls back to ticks", () -> "ticks".equals(pipeline.stats().captureBackend())
                && capture.opened.get() == 1);
        assertEquals(1, ending.closed.get(), "the ended capture is closed by the session manager");
        List<SwapEvent> swaps = pipeline.stats().swaps().stream().filter(s -> s.role() == BackendRole.CAPTURE)
                .toList();
        assertTrue(swaps.stream().anyMatch(s -> s.from().equals("ending") && s.to().equals("ticks")
                && s.reason().contains("the producer left the graph")), swaps.toString());
        long before = recorder.snapshot().size();
        await("pictures go on after the swap", () -> recorder.snapshot().size() >= before + 5);
        assertContinuous(recorder.snapshot());
    }

    @Test
    void aTenBitSessionTakesOnlyAnEncoderThatMakesTenBitPictures() throws Exception {
        TaggingEncoder eightBit = new TaggingEncoder("eight");
        TaggingEncoder tenBit = new TaggingEncoder("ten");
        tenBit.tenBit = true;
        register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), eightBit, "eight", 50);
        register(backends.encoders(), tenBit, "ten", 0);
        start(new StreamRequest("test", new VideoMode(64, 48, 200), io.lumen.api.media.Codec.H264, 5000, 1, true,
                java.util.Map.of()));
        await("pictures from the 10-bit encoder", () -> recorder.countFrom("ten") >= 5);
        assertEquals(0, recorder.countFrom("eight"), "the better-ranked 8-bit encoder is passed over");
    }

    @Test
    void aBetterEncoderArrivingTakesOverAndItsDepartureFallsBack() throws Exception {
        TaggingEncoder low = new TaggingEncoder("low");
        TaggingEncoder high = new TaggingEncoder("high");
        register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), low, "low", 0);
        start();
        await("pictures from low", () -> recorder.countFrom("low") >= 5);

        Registration<TaggingEncoder> highReg = null;
        highReg = (Registration) register(backends.encoders(), (io.lumen.api.encode.EncoderBackend) high, "high", 50);
        pipeline.reselect(BackendRole.ENCODER, "encoder high arrived", -1);
        assertEquals(1, low.closed.get(), "the replaced encoder is closed during the swap, not later");
        await("pictures from high", () -> recorder.countFrom("high") >= 5);

        backends.encoders().remove(high);
        pipeline.reselect(BackendRole.ENCODER, "encoder high departed", highReg.serviceId());
        assertEquals(1, high.closed.get(), "the departing encoder is closed before the unbind returns");
        long lowBefore = recorder.countFrom("low");
        await("pictures from low again", () -> recorder.countFrom("low") >= lowBefore + 5);

        List<Picture> pictures = recorder.snapshot();
        assertContinuous(pictures);
        assertKeyframeAfterEverySwap(pictures);
        List<SwapEvent> swaps = pipeline.stats().swaps().stream().filter(s -> s.role() == BackendRole.ENCODER).toList();
        assertEquals(List.of("low->high", "high->low"),
                swaps.stream().map(s -> s.from() + "->" + s.to()).toList());
        assertTrue(swaps.stream().allMatch(s -> s.stall().isPresent()), "every swap got its stall measured: " + swaps);
        assertEquals("t1", pipeline.id());
        assertTrue(pipeline.isActive());
    }

    @Test
    void aPinBeatsRankingAndRemovingItRestoresTheBest() throws Exception {
        TaggingEncoder low = new TaggingEncoder("low");
        TaggingEncoder high = new TaggingEncoder("high");
        register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), low, "low", 0);
        register(backends.encoders(), high, "high", 50);
        start();
        await("pictures from high", () -> recorder.countFrom("high") >= 3);

        Map<BackendRole, String> pins = new EnumMap<>(BackendRole.class);
        pins.put(BackendRole.ENCODER, "low");
        assertEquals(java.util.Set.of(BackendRole.ENCODER), backends.setPins(pins));
        pipeline.reselect(BackendRole.ENCODER, "pinned to low", -1);
        await("pictures from low", () -> recorder.countFrom("low") >= 3);

        backends.setPins(Map.of());
        pipeline.reselect(BackendRole.ENCODER, "pin removed", -1);
        long highBefore = recorder.countFrom("high");
        await("pictures from high again", () -> recorder.countFrom("high") >= highBefore + 3);
        assertContinuous(recorder.snapshot());
        assertKeyframeAfterEverySwap(recorder.snapshot());
        assertEquals("high", pipeline.stats().encoderBackend());
    }

    @Test
    void aFailingEncoderIsReplacedAndTheSessionGoesOn() throws Exception {
        TaggingEncoder flaky = new TaggingEncoder("flaky");
        TaggingEncoder steady = new TaggingEncoder("steady");
        register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), steady, "steady", 0);
        register(backends.encoders(), flaky, "flaky", 50);
        start();
        await("pictures from flaky", () -> recorder.countFrom("flaky") >= 3);
        flaky.failOnEncode = true;
        await("pictures from steady", () -> recorder.countFrom("steady") >= 3);
        assertEquals(1, flaky.closed.get());
        // the failed encoder is not chosen again by this session even though it ranks higher
        pipeline.reselect(BackendRole.ENCODER, "re-evaluate", -1);
        assertEquals("steady", pipeline.stats().encoderBackend());
        assertContinuous(recorder.snapshot());
        assertTrue(pipeline.stats().captureStats().containsKey("dropped: encoder failed"));
    }

    @Test
    void withoutAnEncoderFramesAreDroppedAndCountedUntilOneArrives() throws Exception {
        register(backends.captures(), capture, "ticks", 0);
        start();
        await("drops counted", () -> pipeline.stats().framesDropped() > 3);
        assertEquals("waiting for an encoder backend", pipeline.stats().state());
        TaggingEncoder late = new TaggingEncoder("late");
        register(backends.encoders(), late, "late", 0);
        pipeline.reselect(BackendRole.ENCODER, "encoder late arrived", -1);
        await("pictures from late", () -> recorder.countFrom("late") >= 3);
        assertTrue(recorder.snapshot().getFirst().keyframe);
    }

    @Test
    void aCaptureSwapContinuesTheFrameSequenceAndFreesTheOldFrames() throws Exception {
        TaggingEncoder encoder = new TaggingEncoder("enc");
        TickingCapture second = new TickingCapture("second");
        var firstReg = register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), encoder, "enc", 0);
        start();
        await("pictures", () -> recorder.snapshot().size() >= 5);
        register(backends.captures(), second, "second", 10);
        pipeline.reselect(BackendRole.CAPTURE, "capture second arrived", -1);
        assertEquals(1, capture.closed.get());
        await("frames from the second capture", () -> recorder.snapshot().getLast().sequence >= second.lastFirstSequence + 3);
        assertTrue(second.lastFirstSequence > 0, "the new capture continues the numbering");
        assertContinuous(recorder.snapshot());
        assertTrue(recorder.snapshot().stream().filter(p -> p.sequence >= second.lastFirstSequence)
                .findFirst().orElseThrow().keyframe, "the new capture's first picture is a keyframe");
        backends.captures().remove(capture);
        pipeline.reselect(BackendRole.CAPTURE, "unrelated departure", firstReg.serviceId());
        assertEquals(1, second.opened.get(), "departure of a capture not in use changes nothing");
        pipeline.stop();
        assertEquals(0, capture.outstanding.get(), "every frame of the first capture was released");
        assertEquals(0, second.outstanding.get(), "every frame of the second capture was released");
        assertEquals(1, encoder.closed.get());
        assertFalse(pipeline.isActive());
    }

    @Test
    void aCaptureOfAnotherSizeIsEncodedAtTheClientsSize() throws Exception {
        TaggingEncoder encoder = new TaggingEncoder("enc");
        capture.ownSize = new VideoMode(30, 30, 200);
        register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), encoder, "enc", 0);
        start();
        await("pictures", () -> recorder.snapshot().size() >= 5);
        assertEquals(new VideoMode(64, 48, 200), encoder.lastMode, "the encoder opened at the client's size");
        assertEquals(1, encoder.opened.get(), "and never reopened for the capture's size");
        assertEquals("64x48", encoder.lastFrameSize, "the encoder cannot scale: the session fitted the frames");
        assertTrue(fittedInJava() >= 5, "each frame copied once in Java is counted: " + fittedInJava());
        pipeline.stop();
        assertEquals(0, capture.outstanding.get(), "every capture buffer went back after scaling");
    }

    private long fittedInJava() {
        return (Long) pipeline.stats().captureStats().get(SessionPipeline.FITTED_IN_JAVA);
    }

    @Test
    void aCaptureOfAnotherSizeGoesAsItIsToAnEncoderThatScales() throws Exception {
        TaggingEncoder encoder = new TaggingEncoder("enc");
        encoder.scales = true;
        capture.ownSize = new VideoMode(96, 64, 200);
        register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), encoder, "enc", 0);
        start();
        await("pictures", () -> recorder.snapshot().size() >= 5);
        assertEquals(new VideoMode(64, 48, 200), encoder.lastMode, "the encoder opened at the client's size");
        assertEquals("96x64", encoder.lastFrameSize, "and was given the frames as captured");
        assertEquals(1, encoder.opened.get());
        assertEquals(0, fittedInJava(), "no copy before the encoder");
        pipeline.stop();
        assertEquals(0, capture.outstanding.get());
    }

    @Test
    void swappingBetweenAnEncoderThatScalesAndOneThatCannotFitsInJavaOnlyForTheOneThatCannot() throws Exception {
        TaggingEncoder fits = new TaggingEncoder("fits");
        TaggingEncoder scales = new TaggingEncoder("scales");
        scales.scales = true;
        capture.ownSize = new VideoMode(96, 64, 200);
        register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), fits, "fits", 0);
        start();
        await("pictures from fits", () -> recorder.countFrom("fits") >= 5);
        assertTrue(fittedInJava() >= 5, "fitted for the encoder that cannot scale: " + fittedInJava());

        Registration<?> scalesReg = register(backends.encoders(), (io.lumen.api.encode.EncoderBackend) scales,
                "scales", 50);
        pipeline.reselect(BackendRole.ENCODER, "encoder scales arrived", -1);
        long fittedBeforeScaling = fittedInJava();
        await("pictures from scales", () -> recorder.countFrom("scales") >= 5);
        assertEquals(fittedBeforeScaling, fittedInJava(), "no frame fitted in Java while the encoder scales");
        assertEquals("96x64", scales.lastFrameSize);
        assertEquals(new VideoMode(64, 48, 200), scales.lastMode);

        backends.encoders().remove(scales);
        pipeline.reselect(BackendRole.ENCODER, "encoder scales departed", scalesReg.serviceId());
        long fitsBefore = recorder.countFrom("fits");
        await("pictures from fits again", () -> recorder.countFrom("fits") >= fitsBefore + 5);
        assertTrue(fittedInJava() >= fittedBeforeScaling + 5, "fitting again: " + fittedInJava());
        assertEquals("64x48", fits.lastFrameSize);

        List<Picture> pictures = recorder.snapshot();
        assertContinuous(pictures);
        assertKeyframeAfterEverySwap(pictures);
        assertEquals(List.of("fits->scales", "scales->fits"), pipeline.stats().swaps().stream()
                .filter(s -> s.role() == BackendRole.ENCODER).map(s -> s.from() + "->" + s.to()).toList());
        pipeline.stop();
        assertEquals(0, capture.outstanding.get(), "every capture buffer went back");
    }

    @Test
    void keyframeRequestsAndBitrateReachTheEncoder() throws Exception {
        TaggingEncoder encoder = new TaggingEncoder("enc");
        register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), encoder, "enc", 0);
        start();
        await("pictures", () -> recorder.snapshot().size() >= 5);
        long keyframesBefore = recorder.snapshot().stream().filter(Picture::keyframe).count();
        pipeline.requestKeyframe();
        await("a requested keyframe", () -> recorder.snapshot().stream().filter(Picture::keyframe).count() > keyframesBefore);
        pipeline.setBitrate(1234);
        assertEquals(1234, encoder.lastBitrate);
        assertThrows(IllegalArgumentException.class, () -> pipeline.setBitrate(0));
    }
}
