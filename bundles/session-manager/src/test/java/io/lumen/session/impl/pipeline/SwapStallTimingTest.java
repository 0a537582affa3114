package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.backend.Probe;
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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A video swap's stall is timed to what the client sees when the sink reports sending (a keyframe that takes long
 * to leave counts), falls back to the hand-over when it does not (a recording), and a picture the sink held back
 * closes no swap. The encoder that replaces an open one is opened before the old one stops, so its start is not
 * part of the stall.
 */
class SwapStallTimingTest {

    /** How much longer than a picture a keyframe takes to leave, in the sink's report. */
    private static final long KEYFRAME_SEND_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    /**
     * Reports each picture as sent at the time it was handed over, a keyframe {@link #KEYFRAME_SEND_NANOS} later, as
     * a paced sender would; while {@code holding}, it sends nothing (no client yet), or with {@code reports} off it
     * says nothing at all.
     */
    private static final class ReportingSink implements AccessUnitSink {
        volatile boolean holding;
        final boolean reports;
        private volatile long lastSent = -1;

        ReportingSink(boolean reports) {
            this.reports = reports;
        }

        @Override
        public void accept(AccessUnit unit) {
            if (!holding) {
                lastSent = System.nanoTime() + (unit.keyframe() ? KEYFRAME_SEND_NANOS : 0);
            }
        }

        @Override
        public long lastSentNanos() {
            return reports ? lastSent : -1;
        }
    }

    private final Backends backends = new Backends();
    private final TickingCapture capture = new TickingCapture("ticks");
    private final TaggingEncoder first = new TaggingEncoder("first");
    private final TaggingEncoder second = new TaggingEncoder("second");
    private long nextServiceId = 1;
    private SessionPipeline pipeline;

    private <T> void register(io.lumen.session.impl.backend.BackendRegistry<T> registry, T service, String id,
                              int ranking) {
        registry.put(new Registration<>(service, id, ranking, nextServiceId++, "test", Probe::ok, List::of));
    }

    private void start(AccessUnitSink sink) {
        register(backends.captures(), capture, "ticks", 0);
        register(backends.encoders(), first, "first", 0);
        pipeline = new SessionPipeline("s1", StreamRequest.of("test", new VideoMode(64, 48, 100), 5000), sink, null,
                null, backends, PipelineSettings.DEFAULTS, System.getLogger("test"), p -> {
        });
        pipeline.start();
        awaitPictures(5);
    }

    /** Swaps to the better-ranked {@code second}; returns the swap once its stall is known, or as it is then. */
    private SwapEvent swap() {
        register(backends.encoders(), second, "second", 50);
        pipeline.reselect(BackendRole.ENCODER, "encoder second arrived", -1);
        Poll.until(Duration.ofSeconds(10), () -> encoderSwap().stall().isPresent());
        return encoderSwap();
    }

    private SwapEvent encoderSwap() {
        return pipeline.stats().swaps().stream().filter(s -> s.role() == BackendRole.ENCODER).findFirst()
                .orElseThrow();
    }

    private void awaitPictures(long more) {
        long target = pipeline.stats().framesEncoded() + more;
        assertTrue(Poll.until(Duration.ofSeconds(10), () -> pipeline.stats().framesEncoded() >= target),
                "pictures kept coming");
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.stop();
        }
    }

    @Test
    void aSinkThatReportsSendingTimesTheStallToTheKeyframesLastPacket() {
        start(new ReportingSink(true));
        SwapEvent swap = swap();
        assertEquals(SwapEvent.StallTiming.SENT, swap.timing(), swap.toString());
        assertTrue(swap.stall().orElseThrow().toNanos() >= KEYFRAME_SEND_NANOS,
                "the keyframe's sending is part of the stall: " + swap);
    }

    @Test
    void aRecordingIsTimedAtTheHandOverAndSaysSo() {
        start(new ReportingSink(false));
        SwapEvent swap = swap();
        assertEquals(SwapEvent.StallTiming.HANDED_ON, swap.timing(), swap.toString());
        assertTrue(swap.stall().orElseThrow().toNanos() < KEYFRAME_SEND_NANOS,
                "no send time is made up: " + swap);
    }

    @Test
    void aKeyframeTheSinkHeldBackClosesNoSwap() {
        ReportingSink sink = new ReportingSink(true);
        start(sink);
        sink.holding = true;
        register(backends.encoders(), second, "second", 50);
        pipeline.reselect(BackendRole.ENCODER, "encoder second arrived", -1);
        assertTrue(Poll.until(Duration.ofSeconds(10), () -> second.opened.get() == 1));
        awaitPictures(5);
        assertFalse(encoderSwap().stall().isPresent(), "the new encoder's keyframe never left: " + encoderSwap());

        pipeline.requestKeyframe();
        sink.holding = false;
        assertTrue(Poll.until(Duration.ofSeconds(10), () -> encoderSwap().stall().isPresent()),
                "the first keyframe sent closes it");
        assertEquals(SwapEvent.StallTiming.SENT, encoderSwap().timing());
    }

    @Test
    void theReplacementOpensWhileTheOldEncoderGoesOn() {
        start(new ReportingSink(false));
        second.openMillis = 400;
        long encodedBefore = pipeline.stats().framesEncoded();
        long start = System.nanoTime();
        SwapEvent swap = swap();
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(400), "the open took its time");
        assertTrue(pipeline.stats().framesEncoded() - encodedBefore >= 10, "the old encoder went on meanwhile");
        assertTrue(swap.stall().orElseThrow().toMillis() < 200, "the open is not part of the stall: " + swap);
        assertEquals(1, first.closed.get(), "the replaced encoder is closed by the swap");
        assertEquals(1, second.opened.get(), "the replacement opened once, ahead of the swap");
    }
}
