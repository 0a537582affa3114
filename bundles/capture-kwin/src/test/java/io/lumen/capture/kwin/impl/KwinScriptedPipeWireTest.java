package io.lumen.capture.kwin.impl;

import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.PipeWireCaptureBackend;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.testkit.capture.RecordingFrameSink;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import io.lumen.tools.pwproducer.BufferMemory;
import io.lumen.tools.pwproducer.PatternProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The node id in the scripted compositor's created event is streamed by lumen's real PipeWire capture: a pattern
 * producer on a private daemon stands for the node KWin would create, so the handing-on is checked end to end with
 * frames, which KWin 5.27 here delivers only for window casts.
 */
class KwinScriptedPipeWireTest {

    private static final VideoMode MODE = new VideoMode(320, 240, 30);

    @TempDir
    Path dir;

    @Test
    void theCreatedNodeIsStreamedByThePipeWireCapture() throws Exception {
        assumeTrue(PipeWireDaemon.skipReason(true).isEmpty(), () -> PipeWireDaemon.skipReason(true).orElse(""));
        try (PipeWireDaemon daemon = PipeWireDaemon.start(true);
             PatternProducer producer = new PatternProducer(PipeWire.system(), PwRemote.socket(daemon.socket()),
                     "kwin_wayland", MODE, BufferMemory.MEMFD);
             ScriptedKwin kwin = new ScriptedKwin(dir, true, true)) {
            int node = producer.awaitInGraph(Duration.ofSeconds(10));
            kwin.onStream = request -> new ScriptedKwin.Created(node);
            PipeWireCaptureBackend pipewire = new PipeWireCaptureBackend();
            pipewire.configure(daemon.socket().toString(), "5000", null, false);
            KwinCaptureBackend backend = new KwinCaptureBackend(pipewire,
                    KwinSettings.of(kwin.socket().toString(), Duration.ofSeconds(5)));
            RecordingFrameSink sink = new RecordingFrameSink();
            try (CaptureSession session = backend.open(new CaptureRequest(MODE, Set.of(PixelFormat.BGRX), 0,
                    Map.of()), sink)) {
                for (int i = 0; i < 5; i++) {
                    Frame frame = sink.frames.poll(10, TimeUnit.SECONDS);
                    assertNotNull(frame, "frame " + i + " of node " + node);
                    assertEquals(MODE.width(), frame.width());
                    frame.release();
                }
                assertEquals(Integer.toString(node), session.stats().get("kwin.node"));
                kwin.closeStreams();
                assertEquals("KWin closed the stream of virtual output lumen-1 320x240",
                        sink.ended.get(5, TimeUnit.SECONDS));
            }
            assertEquals("close", kwin.awaitRequest("close"));
        }
    }
}
