package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.StreamRequest;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which capture gets which target: the configured one goes to the pinned backend only, a session's own goes to
 * the backend the session names, and a fallback gets neither. Real pipelines over recording test captures.
 */
class CaptureTargetTest {

    private final Backends backends = new Backends();
    private final TickingCapture node = new TickingCapture("node");
    private final TickingCapture fallback = new TickingCapture("fallback");
    private final List<SessionPipeline> pipelines = new ArrayList<>();
    private long nextServiceId = 1;

    @BeforeEach
    void register() {
        backends.captures().put(new Registration<>(node, "node", 0, nextServiceId++, "test", Probe::ok, List::of));
        backends.captures().put(new Registration<>(fallback, "fallback", 10, nextServiceId++, "test", Probe::ok, List::of));
        backends.encoders().put(new Registration<>(new TaggingEncoder("enc"), "enc", 0, nextServiceId++, "test",
                Probe::ok, List::of));
    }

    @AfterEach
    void stop() {
        pipelines.forEach(SessionPipeline::stop);
    }

    private void pinNodeWithTarget(String target) {
        backends.setPins(Map.of(BackendRole.CAPTURE, "node"));
        assertTrue(backends.setCaptureTarget(target));
    }

    private SessionPipeline start(Map<String, String> captureOptions) {
        SessionPipeline pipeline = new SessionPipeline("t" + (pipelines.size() + 1),
                new StreamRequest("test", new VideoMode(64, 48, 60), Codec.H264, 5000, 1, false, captureOptions),
                unit -> { }, null, null, backends, PipelineSettings.DEFAULTS, System.getLogger("test"), p -> { });
        pipelines.add(pipeline);
        pipeline.start();
        return pipeline;
    }

    @Test
    void thePinnedCaptureGetsTheConfiguredTargetAndShowsIt() {
        pinNodeWithTarget("42");
        SessionPipeline session = start(Map.of("quality", "high"));
        assertEquals("node", session.stats().captureBackend());
        assertEquals(List.of(Map.of(CaptureRequest.TARGET, "42", "quality", "high")), node.openedWith);
        assertEquals(List.of(session.id()), node.openedFor, "the capture is told which session it streams for");
        assertEquals("quality=high, target=42", session.stats().captureStats().get("options"),
                "lumen:session shows what the capture was opened with");
    }

    @Test
    void aSessionsOwnTargetIsKept() {
        pinNodeWithTarget("42");
        start(Map.of(StreamRequest.CAPTURE_BACKEND, "node", CaptureRequest.TARGET, "my-node-name"));
        start(Map.of(CaptureRequest.TARGET, "7"));
        assertEquals(List.of(Map.of(CaptureRequest.TARGET, "my-node-name"), Map.of(CaptureRequest.TARGET, "7")),
                node.openedWith);
    }

    @Test
    void aFallbackGetsNoTargetWhenThePinnedCaptureFails() {
        pinNodeWithTarget("42");
        node.refuses = true;
        SessionPipeline session = start(Map.of());
        assertEquals("fallback", session.stats().captureBackend());
        assertEquals(List.of(Map.of(CaptureRequest.TARGET, "42")), node.openedWith, "the pinned one was tried first");
        assertEquals(List.of(Map.of()), fallback.openedWith);
        assertFalse(session.stats().captureStats().containsKey("options"));
    }

    @Test
    void aFallbackGetsNoTargetTheSessionNamedForAnotherBackend() {
        node.refuses = true;
        start(Map.of(StreamRequest.CAPTURE_BACKEND, "node", CaptureRequest.TARGET, "42", "quality", "high"));
        assertEquals(List.of(Map.of(CaptureRequest.TARGET, "42", "quality", "high")), node.openedWith);
        assertEquals(List.of(Map.of("quality", "high")), fallback.openedWith);
    }

    @Test
    void withoutAPinNoCaptureGetsTheConfiguredTarget() {
        backends.setCaptureTarget("42");
        start(Map.of());
        assertEquals(List.of(Map.of()), fallback.openedWith);
    }

    @Test
    void aNewTargetReopensTheLiveCaptureThatUsesIt() {
        pinNodeWithTarget("42");
        SessionPipeline pinned = start(Map.of());
        SessionPipeline ownTarget = start(Map.of(CaptureRequest.TARGET, "7"));
        assertTrue(backends.setCaptureTarget("43"));
        pipelines.forEach(p -> p.reselect(BackendRole.CAPTURE, "target 43 by configuration", -1));
        assertEquals(List.of(Map.of(CaptureRequest.TARGET, "42"), Map.of(CaptureRequest.TARGET, "7"),
                Map.of(CaptureRequest.TARGET, "43")), node.openedWith, "only the session without its own target reopens");
        assertEquals(1, node.closed.get(), "the capture of the old target was closed");
        assertEquals(List.of(), pinned.stats().swaps(), "a new target is no backend swap");
        assertEquals("target=7", ownTarget.stats().captureStats().get("options"));
    }
}
