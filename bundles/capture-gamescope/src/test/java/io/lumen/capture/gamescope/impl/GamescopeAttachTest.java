package io.lumen.capture.gamescope.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.PipeWireCaptureBackend;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import io.lumen.tools.pwproducer.BufferMemory;
import io.lumen.tools.pwproducer.PatternProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Attach mode end to end on a private daemon: a pattern producer stands in for gamescope's node (a Video/Source
 * named "gamescope" that drives its own clock, as gamescope's is), lumen's real PipeWire capture streams it, and
 * the gamescope backend only finds it: by the id it is given, or in the registry by name.
 */
class GamescopeAttachTest {

    private static final VideoMode MODE = new VideoMode(320, 240, 30);

    private PipeWireDaemon daemon;
    private PatternProducer producer;
    private int nodeId;
    private PipeWireCaptureBackend streams;

    @BeforeEach
    void startDaemonAndGamescopeLikeNode() throws Exception {
        assumeTrue(PipeWireDaemon.skipReason(true).isEmpty(), () -> PipeWireDaemon.skipReason(true).orElse(""));
        daemon = PipeWireDaemon.start(true);
        producer = new PatternProducer(PipeWire.system(), PwRemote.socket(daemon.socket()),
                GamescopeCaptureBackend.NODE_NAME, MODE, BufferMemory.MEMFD);
        nodeId = producer.awaitInGraph(Duration.ofSeconds(10));
        streams = new PipeWireCaptureBackend();
        streams.configure(daemon.socket().toString(), "5000", null, false);
    }

    @AfterEach
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static CaptureRequest request(Map<String, String> options) {
        return new CaptureRequest(MODE, Set.of(PixelFormat.BGRX), 0, options);
    }

    private static class FrameQueue implements FrameSink {
        final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

        @Override
        public void accept(Frame frame) {
            frames.add(frame);
        }
    }

    private static final class EndedSink extends FrameQueue {
        final CompletableFuture<String> ended = new CompletableFuture<>();

        @Override
        public void ended(String reason) {
            ended.complete(reason);
        }
    }

    private static void assertFramesArrive(FrameQueue sink) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            Frame frame = sink.frames.poll(10, TimeUnit.SECONDS);
            assertNotNull(frame, "frame " + i + " did not arrive");
            assertEquals(MODE.width(), frame.width());
            frame.release();
        }
    }

    @Test
    void theCaptureTargetsIdIsStreamed() throws Exception {
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(streams, GamescopeSettings.defaults());
        FrameQueue sink = new FrameQueue();
        try (CaptureSession session = backend.open(request(Map.of(CaptureRequest.TARGET,
                Integer.toString(nodeId))), sink)) {
            assertFramesArrive(sink);
            assertEquals(nodeId + " (capture target)", session.stats().get("gamescope.node"));
            assertEquals(1, backend.describeSessions().size());
            assertTrue(backend.describeSessions().getFirst().startsWith("attached to node " + nodeId),
                    backend.describeSessions().getFirst());
        }
        assertTrue(backend.describeSessions().isEmpty(), "a closed capture leaves lumen:gamescope");
    }

    @Test
    void theAttachSettingsIdIsStreamedWithoutAnyOption() throws Exception {
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(streams, new GamescopeSettings("gamescope",
                Optional.of(Integer.toString(nodeId)), Duration.ofSeconds(10)));
        assertEquals("available", backend.probe().toString(), "attaching needs no gamescope binary");
        FrameQueue sink = new FrameQueue();
        try (CaptureSession session = backend.open(request(Map.of()), sink)) {
            assertFramesArrive(sink);
            assertEquals(nodeId + " (attach setting)", session.stats().get("gamescope.node"));
        }
    }

    @Test
    void withoutAnIdTheRegistryFindsGamescopesNodeByName() throws Exception {
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(streams, GamescopeSettings.defaults());
        assertEquals(nodeId, backend.nodeFromRegistry());
        FrameQueue sink = new FrameQueue();
        try (CaptureSession session = backend.open(request(Map.of(CaptureRequest.TARGET,
                GamescopeSettings.RUNNING)), sink)) {
            assertFramesArrive(sink);
            assertEquals(nodeId + " (capture target)", session.stats().get("gamescope.node"));
        }
    }

    /** A script stands for the launched child: what is tested is generic, a child's exit ending the capture. */
    @Test
    void aLaunchedChildThatExitsEndsTheCaptureAtOnceWithItsReason() throws Exception {
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(streams, GamescopeSettings.defaults());
        GamescopeProcess child = GamescopeProcess.start(List.of("sh", "-c", "sleep 1; echo 'app quit' >&2; exit 4"));
        EndedSink sink = new EndedSink();
        try (CaptureSession session = backend.stream(nodeId, "advertised", child, request(Map.of()), sink)) {
            assertFramesArrive(sink);
            assertEquals(child.pid(), session.stats().get("gamescope.pid"));
            String reason = sink.ended.get(10, TimeUnit.SECONDS);
            assertEquals("gamescope exited: exit code 4; its last output: app quit", reason);
            assertTrue(backend.describeSessions().getFirst().startsWith("pid " + child.pid() + ", node " + nodeId),
                    backend.describeSessions().getFirst());
        }
    }

    @Test
    void closingALaunchedCaptureEndsTheChildWithoutReportingAnEnd() throws Exception {
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(streams, GamescopeSettings.defaults());
        GamescopeProcess child = GamescopeProcess.start(List.of("sh", "-c", "sleep 300"));
        EndedSink sink = new EndedSink();
        CaptureSession session = backend.stream(nodeId, "advertised", child, request(Map.of()), sink);
        assertFramesArrive(sink);
        session.close();
        assertTrue(!child.isAlive(), "closing the capture ends the child");
        assertEquals("exited: stopped by lumen", child.state());
        Thread.sleep(200);
        assertTrue(!sink.ended.isDone(), "a capture lumen closed is not reported as ended: " + sink.ended);
    }

    @Test
    void theRegistryWithoutAGamescopeNodeSaysSo() throws Exception {
        producer.close();
        producer = null;
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(streams, GamescopeSettings.defaults());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        BackendException e = null;
        while (e == null && System.nanoTime() < deadline) {
            try {
                backend.nodeFromRegistry();
                Thread.sleep(50);
            } catch (BackendException expected) {
                e = expected;
            }
        }
        assertNotNull(e, "the registry still showed a gamescope node after the producer left");
        assertTrue(e.getMessage().startsWith("no PipeWire video node named \"gamescope\""), e.getMessage());
    }
}
