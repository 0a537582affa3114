package io.lumen.capture.pipewire.impl.audio;

import io.lumen.testkit.audio.ToneAnalysis;
import io.lumen.testkit.pipewire.AudioGraph;
import io.lumen.api.audio.AudioCaptureSession;
import io.lumen.api.audio.AudioFormat;
import io.lumen.api.backend.BackendException;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.lumen.capture.pipewire.impl.audio.PipeWireAudioCaptureTest.backend;
import static io.lumen.capture.pipewire.impl.audio.PipeWireAudioCaptureTest.daemon;
import static io.lumen.capture.pipewire.impl.audio.PipeWireAudioCaptureTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local audio, a killed host's leftovers, and the ends a capture reports, against a real daemon and WirePlumber. */
class PipeWireAudioLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void localAudioCapturesTheDefaultSinksMonitorAndLeavesTheDefaultAlone(@TempDir Path dir) throws Exception {
        try (PipeWireDaemon daemon = daemon(); AudioGraph graph = new AudioGraph(daemon)) {
            graph.createNullSink("speakers", "FL FR");
            assertTrue(AudioGraph.await(() -> defaultSink(graph).equals("speakers"), WAIT), "speakers never default");
            RecordingPcmSink sink = new RecordingPcmSink(2, 2);
            try (AudioCaptureSession capture = backend(daemon).open(request(AudioFormat.STEREO, true), sink)) {
                assertEquals(List.of(), graph.nodeIds("lumen"), "local audio makes no sink");
                assertEquals("speakers", defaultSink(graph), "local audio leaves the default alone");
                assertTrue(capture.stats().get("captures").toString().contains("speakers"), capture.stats().toString());
                graph.play(dir, "FL,FR", new int[] {440, 440}, 5);
                assertTrue(AudioGraph.await(() -> PipeWireAudioCaptureTest.loudFrames(sink, 2) >= 5 * 4800, WAIT),
                        "no tone from the speakers' monitor: " + capture.stats());
                double at440 = ToneAnalysis.medianAmplitude(sink.recent(), 2, 0, 5, 440);
                assertTrue(at440 > 0.2, "440 Hz at " + at440);
            }
            assertEquals("speakers", defaultSink(graph));
            assertEquals(List.of(), sink.ended);
        }
    }

    @Test
    void aKilledHostsLingeringSinkAndConfiguredDefaultAreCleanedUp() throws Exception {
        try (PipeWireDaemon daemon = daemon(); AudioGraph graph = new AudioGraph(daemon)) {
            graph.createNullSink("speakers", "FL FR");
            assertTrue(AudioGraph.await(() -> defaultSink(graph).equals("speakers"), WAIT), "speakers never default");
            // what an older lumen that made its sink linger and set the configured default would have left
            graph.createNullSink("lumen", "FL FR");
            graph.setMetadata(LumenSink.CONFIGURED_SINK, "{ \"name\": \"lumen\" }");
            assertTrue(AudioGraph.await(() -> defaultSink(graph).equals("lumen"), WAIT), "the stale sink never default");
            List<Integer> stale = graph.nodeSerials("lumen");
            assertEquals(1, stale.size());
            RecordingPcmSink sink = new RecordingPcmSink(2, 1);
            try (AudioCaptureSession capture = backend(daemon).open(request(AudioFormat.STEREO, false), sink)) {
                List<Integer> lumen = graph.nodeSerials("lumen");
                assertEquals(1, lumen.size(), "exactly one lumen sink: " + lumen);
                assertNotEquals(stale.getFirst(), lumen.getFirst(), "the stale sink was replaced");
                assertEquals("lumen", defaultSink(graph));
                assertEquals(Optional.empty(), graph.defaultNamed(LumenSink.CONFIGURED_SINK),
                        "the configured default naming lumen was removed");
            }
            assertEquals(List.of(), graph.nodeIds("lumen"), "no lumen sink after close");
            assertEquals("speakers", defaultSink(graph), "the default after close");
            assertTrue(graph.defaultNamed(LumenSink.CONFIGURED_SINK).filter("lumen"::equals).isEmpty());
        }
    }

    @Test
    void aDaemonKilledDuringCaptureEndsItOnce() throws Exception {
        try (PipeWireDaemon daemon = daemon()) {
            RecordingPcmSink sink = new RecordingPcmSink(2, 1);
            AudioCaptureSession capture = backend(daemon).open(request(AudioFormat.STEREO, false), sink);
            try {
                assertTrue(AudioGraph.await(() -> sink.frames() > 0, WAIT), "nothing delivered: " + capture.stats());
                daemon.stop();
                assertTrue(AudioGraph.await(() -> !sink.ended.isEmpty(), WAIT), "no end: " + capture.stats());
                assertTrue(sink.ended.getFirst().startsWith(PipeWireAudioCapture.DAEMON_GONE), sink.ended.toString());
                assertFalse(AudioGraph.await(() -> sink.ended.size() > 1, Duration.ofSeconds(1)),
                        "ended more than once: " + sink.ended);
            } finally {
                capture.close();
                capture.close();
            }
        }
    }

    @Test
    void theSinkDestroyedByTheUserEndsTheCaptureOnce() throws Exception {
        try (PipeWireDaemon daemon = daemon(); AudioGraph graph = new AudioGraph(daemon)) {
            graph.createNullSink("speakers", "FL FR");
            RecordingPcmSink sink = new RecordingPcmSink(2, 1);
            try (AudioCaptureSession capture = backend(daemon).open(request(AudioFormat.STEREO, false), sink)) {
                assertTrue(AudioGraph.await(() -> sink.frames() > 0, WAIT), "nothing delivered: " + capture.stats());
                graph.run("pw-cli", "destroy", Integer.toString(graph.nodeIds("lumen").getFirst()));
                assertTrue(AudioGraph.await(() -> !sink.ended.isEmpty(), WAIT), "no end: " + capture.stats());
                assertEquals(List.of(PipeWireAudioCapture.SINK_REMOVED), sink.ended);
                assertFalse(AudioGraph.await(() -> sink.ended.size() > 1, Duration.ofSeconds(1)),
                        "ended more than once: " + sink.ended);
                long delivered = sink.frames();
                capture.close();
                assertFalse(AudioGraph.await(() -> sink.frames() != delivered, Duration.ofMillis(300)),
                        "delivered after close");
            }
            assertTrue(AudioGraph.await(() -> defaultSink(graph).equals("speakers"), WAIT), "default after the end");
        }
    }

    @Test
    void closeStopsDeliveryBeforeItReturns() throws Exception {
        try (PipeWireDaemon daemon = daemon()) {
            RecordingPcmSink sink = new RecordingPcmSink(2, 1);
            AudioCaptureSession capture = backend(daemon).open(request(AudioFormat.STEREO, false), sink);
            assertTrue(AudioGraph.await(() -> sink.frames() > 0, WAIT), "nothing delivered: " + capture.stats());
            capture.close();
            long delivered = sink.frames();
            assertFalse(AudioGraph.await(() -> sink.frames() != delivered, Duration.ofMillis(300)),
                    "delivered after close");
            capture.close();
            assertEquals(List.of(), sink.ended);
        }
    }

    @Test
    void withoutADaemonTheProbeSaysWhyAndOpenRefuses(@TempDir Path dir) {
        PipeWireAudioBackend backend = new PipeWireAudioBackend();
        backend.configure(dir.resolve("pipewire-0").toString());
        assertFalse(backend.probe().available());
        assertTrue(backend.probe().reason().contains("no PipeWire daemon"), backend.probe().toString());
        BackendException refused = assertThrows(BackendException.class,
                () -> backend.open(request(AudioFormat.STEREO, false), new RecordingPcmSink(2, 1)));
        assertTrue(refused.getMessage().contains("no PipeWire daemon"), refused.getMessage());
        assertEquals("pipewire-audio", backend.id());
    }

    private static String defaultSink(AudioGraph graph) {
        try {
            return graph.defaultNamed(LumenSink.DEFAULT_SINK).orElse("");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
