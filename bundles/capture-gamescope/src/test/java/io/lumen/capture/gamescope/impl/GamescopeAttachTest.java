package io.lumen.capture.gamescope.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.PipeWireNode;
import io.lumen.capture.pipewire.impl.PipeWireCaptureBackend;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.testkit.Poll;
import io.lumen.testkit.pipewire.GstVideoProducer;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import io.lumen.tools.pwproducer.BufferMemory;
import io.lumen.tools.pwproducer.PatternProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /**
     * What an app launcher leaves for the captures of a launch it ran inside gamescope: the output file (an earlier
     * launch's lines first, then this launch's, recorded from gamescope 3.16 with the producer's node id in its node
     * line) and the pid of the launch's process, a sleep here: the backend only watches it.
     */
    private Map<String, String> launchedOptions(Path output, Process launch) throws Exception {
        Files.writeString(output, "pipewire: stream available on node ID: 9999\napp exited\n");
        long from = Files.size(output);
        String recorded = new String(getClass().getResourceAsStream("gamescope-3.16-headless-pipewire.log")
                .readAllBytes(), StandardCharsets.UTF_8).replace("node ID: 57", "node ID: " + nodeId);
        Files.writeString(output, recorded, StandardOpenOption.APPEND);
        return Map.of(LaunchedGamescope.OUTPUT, output.toString(), LaunchedGamescope.OUTPUT_FROM, Long.toString(from),
                CaptureRequest.APP_PID, Long.toString(launch.pid()));
    }

    @Test
    void aLaunchedGamescopeIsStreamedFromTheNodeItsOutputAdvertisedAndItsExitEndsTheCapture(@TempDir Path dir)
            throws Exception {
        Process launch = new ProcessBuilder("sleep", "300").start();
        try {
            Map<String, String> options = launchedOptions(dir.resolve("app-3.log"), launch);
            GamescopeCaptureBackend backend = new GamescopeCaptureBackend(streams, GamescopeSettings.defaults());
            EndedSink sink = new EndedSink();
            try (CaptureSession session = backend.open(request(options), sink)) {
                assertFramesArrive(sink);
                assertEquals(nodeId + " (advertised)", session.stats().get("gamescope.node"),
                        "this launch's node, not the earlier launch's 9999");
                assertEquals(launch.pid(), session.stats().get("gamescope.pid"));
                assertEquals("running, node " + nodeId, session.stats().get("gamescope.state"));
                assertEquals("gamescope (pid " + launch.pid() + "), launched for an app: node " + nodeId
                        + "; output in " + options.get(LaunchedGamescope.OUTPUT), backend.describeSessions().getFirst());
                launch.destroy();
                String reason = sink.ended.get(10, TimeUnit.SECONDS);
                assertTrue(reason.startsWith("gamescope (pid " + launch.pid() + ") exited: its last output: "),
                        reason);
                assertTrue(reason.contains("stream state changed: streaming"), reason);
            }
        } finally {
            launch.destroyForcibly();
        }
    }

    @Test
    void closingTheCaptureLeavesTheLaunchedGamescopeToItsLaunchAndAnotherBackendFindsItAgain(@TempDir Path dir)
            throws Exception {
        Process launch = new ProcessBuilder("sleep", "300").start();
        try {
            Map<String, String> options = launchedOptions(dir.resolve("app-3.log"), launch);
            EndedSink sink = new EndedSink();
            GamescopeCaptureBackend first = new GamescopeCaptureBackend(streams, GamescopeSettings.defaults());
            first.open(request(options), sink).close();
            first.deactivate();
            assertTrue(launch.isAlive(), "the capture and its bundle going leave gamescope running");
            // what a new revision of this bundle does: a new backend, the same options, the same node
            GamescopeCaptureBackend second = new GamescopeCaptureBackend(streams, GamescopeSettings.defaults());
            try (CaptureSession session = second.open(request(options), sink)) {
                assertFramesArrive(sink);
                assertEquals(nodeId + " (advertised)", session.stats().get("gamescope.node"));
            }
            // the launch exiting is what a closed capture must not report; a capture still open on the same launch
            // reporting it shows the exit was seen, so the closed one had its chance to report it too
            EndedSink open = new EndedSink();
            try (CaptureSession stillOpen = second.open(request(options), open)) {
                launch.destroy();
                assertTrue(open.ended.get(10, TimeUnit.SECONDS).contains("exited"), "the open capture heard the exit");
            }
            assertTrue(!sink.ended.isDone(), "a capture lumen closed is not reported as ended: " + sink.ended);
        } finally {
            launch.destroyForcibly();
        }
    }

    /**
     * gamescope's PipeWire deadlock, as lumen sees it: a node named gamescope whose producer never answers (a
     * GStreamer producer stopped with SIGSTOP). The end is reported within the negotiation timeout, and names the
     * gamescope versions that do this and the fix.
     */
    @Test
    void aGamescopeNodeThatNeverAnswersTheFormatIsReportedWithinTheTimeoutAsTheKnownDeadlock() throws Exception {
        try (GstVideoProducer frozen = GstVideoProducer.start(daemon, GamescopeCaptureBackend.NODE_NAME,
                MODE.width(), MODE.height(), MODE.fps(), "smpte")) {
            int frozenNode = listedNode(frozen.nodeName());
            frozen.freeze(true);
            PipeWireCaptureBackend quick = new PipeWireCaptureBackend();
            quick.configure(daemon.socket().toString(), "1500", null, false);
            GamescopeCaptureBackend backend = new GamescopeCaptureBackend(quick, GamescopeSettings.defaults());
            EndedSink sink = new EndedSink();
            long started = System.nanoTime();
            try (CaptureSession session = backend.open(request(Map.of(CaptureRequest.TARGET,
                    Integer.toString(frozenNode))), sink)) {
                String reason = sink.ended.get(10, TimeUnit.SECONDS);
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(reason.endsWith("; " + StallExplanation.DEADLOCK), reason);
                assertTrue(reason.contains("did not acknowledge the format") || reason.contains("no frame arrived"),
                        reason);
                assertTrue(tookMillis >= 1500 && tookMillis < 6000, "reported after " + tookMillis + " ms");
                assertTrue(sink.frames.isEmpty());
            }
        }
    }

    /** The node named {@code name} other than the pattern producer's, once the registry lists it. */
    private int listedNode(String name) {
        return Poll.every(Duration.ofMillis(50)).retries("the registry to list " + name, Duration.ofSeconds(15), () -> {
            List<PipeWireNode> nodes = streams.nodes(Optional.empty());
            return nodes.stream().filter(n -> n.name().equals(name) && n.id() != nodeId).findFirst()
                    .orElseThrow(() -> new IllegalStateException("not among " + nodes)).id();
        });
    }

    @Test
    void theRegistryWithoutAGamescopeNodeSaysSo() throws Exception {
        producer.close();
        producer = null;
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(streams, GamescopeSettings.defaults());
        Object lookedUp = Poll.every(Duration.ofMillis(50)).awaits("the registry to drop the gamescope node after"
                + " the producer left", Duration.ofSeconds(5), () -> {
                    try {
                        return "still node " + backend.nodeFromRegistry();
                    } catch (BackendException expected) {
                        return expected;
                    }
                }, BackendException.class::isInstance);
        BackendException e = (BackendException) lookedUp;
        assertTrue(e.getMessage().startsWith("no PipeWire video node named \"gamescope\""), e.getMessage());
    }
}
