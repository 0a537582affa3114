package io.lumen.capture.kwin.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.testkit.Poll;
import io.lumen.testkit.capture.RecordingFrameSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend against the scripted compositor, through the real libwayland-client. */
class KwinCaptureBackendTest {

    private static final VideoMode MODE = new VideoMode(1280, 720, 60);

    @TempDir
    Path dir;
    private ScriptedKwin kwin;
    private final RecordingStreams streams = new RecordingStreams();

    @AfterEach
    void stop() throws Exception {
        if (kwin != null) {
            kwin.close();
        }
    }

    private KwinCaptureBackend backend(boolean allowed, boolean kde) throws Exception {
        kwin = new ScriptedKwin(dir, allowed, kde);
        return new KwinCaptureBackend(streams, KwinSettings.of(kwin.socket().toString(), Duration.ofSeconds(2)));
    }

    private static CaptureRequest request(String target) {
        return new CaptureRequest(MODE, Set.of(PixelFormat.BGRX), 0,
                target == null ? Map.of() : Map.of(CaptureRequest.TARGET, target));
    }

    @Test
    void byDefaultAVirtualOutputOfTheClientsSizeIsStreamedAndRemovedOnClose() throws Exception {
        KwinCaptureBackend backend = backend(true, true);
        assertEquals("available", backend.probe().toString());
        RecordingFrameSink sink = new RecordingFrameSink();
        CaptureSession session = backend.open(request(null), sink);
        assertEquals("stream_virtual_output lumen-1 1280x720 scale 256 pointer 2",
                kwin.awaitRequest("stream_virtual_output"));
        RecordingStreams.Opened opened = streams.opened.poll(5, TimeUnit.SECONDS);
        assertNotNull(opened);
        assertEquals("57", opened.source().node(), "KWin's node goes to capture-pipewire");
        assertEquals("57", session.stats().get("kwin.node"));
        assertEquals("virtual output lumen-1 1280x720", session.stats().get("kwin.stream"));
        assertEquals(1, backend.describeSessions().size());
        String dispatch = "lumen-wayland " + session.stats().get("kwin.display");
        assertTrue(threadAlive(dispatch), "the connection's thread runs: " + dispatch);
        session.close();
        assertTrue(opened.closed().get(), "the PipeWire stream is closed");
        assertEquals("close", kwin.awaitRequest("close"), "KWin is told to end the stream (removing the output)");
        assertEquals("disconnected", kwin.awaitRequest("disconnected"));
        assertTrue(backend.describeSessions().isEmpty());
        // KWin's events and the connection's loss reach the session only on that thread (the PipeWire side is this
        // test's, closed above): once it has finished, nothing is left that could still report an end
        Poll.await(dispatch + " to finish", Duration.ofSeconds(5), () -> !threadAlive(dispatch));
        assertFalse(sink.ended.isDone(), "a capture lumen closed is not reported as ended");
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void anOutputTargetStreamsThatOutput() throws Exception {
        KwinCaptureBackend backend = backend(true, true);
        for (String target : new String[]{"output:Virtual-0", "Virtual-0"}) {
            try (CaptureSession session = backend.open(request(target), new RecordingFrameSink())) {
                assertEquals("stream_output output Virtual-0 pointer 2", kwin.awaitRequest("stream_output"));
                assertEquals("output Virtual-0", session.stats().get("kwin.stream"));
            }
        }
        BackendException e = assertThrows(BackendException.class, () -> backend.open(request("output:DP-1"),
                new RecordingFrameSink()));
        assertTrue(e.getMessage().endsWith("has no output named \"DP-1\"; it has: Virtual-0"), e.getMessage());
        assertThrows(BackendException.class, () -> backend.open(request("window:"), new RecordingFrameSink()));
    }

    @Test
    void aWindowTargetSendsItsUuid() throws Exception {
        KwinCaptureBackend backend = backend(true, true);
        try (CaptureSession ignored = backend.open(request("window:{1f3e}"), new RecordingFrameSink())) {
            assertEquals("stream_window {1f3e} pointer 2", kwin.awaitRequest("stream_window"));
        }
    }

    @Test
    void kwinsFailureTextIsTheError() throws Exception {
        KwinCaptureBackend backend = backend(true, true);
        kwin.onStream = request -> new ScriptedKwin.Failed("Could not find output");
        BackendException e = assertThrows(BackendException.class, () -> backend.open(request(null),
                new RecordingFrameSink()));
        assertEquals("KWin failed the stream of virtual output lumen-1 1280x720: Could not find output",
                e.getMessage());
        assertEquals("disconnected", kwin.awaitRequest("disconnected"), "the connection is not left open");
        assertTrue(streams.opened.isEmpty());
    }

    @Test
    void closedOrFailedAfterCreatedEndsTheCaptureOnceWithTheReason() throws Exception {
        KwinCaptureBackend backend = backend(true, true);
        RecordingFrameSink sink = new RecordingFrameSink();
        try (CaptureSession ignored = backend.open(request(null), sink)) {
            kwin.closeStreams();
            assertEquals("KWin closed the stream of virtual output lumen-1 1280x720",
                    sink.ended.get(5, TimeUnit.SECONDS));
        }
        RecordingFrameSink failing = new RecordingFrameSink();
        try (CaptureSession ignored = backend.open(request(null), failing)) {
            kwin.failStreams("The output was removed");
            assertEquals("KWin failed the stream of virtual output lumen-2 1280x720: The output was removed",
                    failing.ended.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void losingKwinEndsTheCaptureWithAClearReason() throws Exception {
        KwinCaptureBackend backend = backend(true, true);
        RecordingFrameSink sink = new RecordingFrameSink();
        try (CaptureSession session = backend.open(request(null), sink)) {
            kwin.hangUp();
            String reason = sink.ended.get(5, TimeUnit.SECONDS);
            assertTrue(reason.startsWith("the Wayland connection to KWin was lost while streaming virtual output"
                    + " lumen-1 1280x720: the compositor closed the connection"), reason);
            assertTrue(session.stats().get("kwin.state").toString().startsWith("lost: "));
        }
    }

    @Test
    void aSilentKwinFailsTheOpenWithinTheTimeout() throws Exception {
        KwinCaptureBackend backend = backend(true, true);
        kwin.onStream = request -> new ScriptedKwin.Silent();
        long start = System.nanoTime();
        BackendException e = assertThrows(BackendException.class, () -> backend.open(request(null),
                new RecordingFrameSink()));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 4000);
        assertTrue(e.getMessage().endsWith("did not answer (KWin's created or failed event for the virtual output"
                + " lumen-1 1280x720) within 2000 ms"), e.getMessage());
        assertEquals("close", kwin.awaitRequest("close"), "the unanswered stream is withdrawn");
    }

    @Test
    void aRefusedScreencastIsExplainedWithBothRemedies() throws Exception {
        KwinCaptureBackend backend = backend(false, true);
        String probe = backend.probe().toString();
        assertTrue(probe.startsWith("unavailable: KWin at " + kwin.socket() + " does not let lumen use"
                + " zkde_screencast_unstable_v1"), probe);
        assertTrue(probe.contains("X-KDE-Wayland-Interfaces=zkde_screencast_unstable_v1"), probe);
        assertTrue(probe.contains("Exec= is lumen's executable, " + KwinAccess.executable()), probe);
        assertTrue(probe.contains("KWIN_WAYLAND_NO_PERMISSION_CHECKS=1"), probe);
        BackendException e = assertThrows(BackendException.class, () -> backend.open(request(null),
                new RecordingFrameSink()));
        assertEquals(probe, "unavailable: " + e.getMessage());
    }

    @Test
    void anotherCompositorIsNotTakenForKwin() throws Exception {
        KwinCaptureBackend backend = backend(false, false);
        assertEquals("unavailable: the compositor at " + kwin.socket() + " is not KWin (it advertises no KDE"
                + " interfaces, and no zkde_screencast_unstable_v1): the KWin capture needs a KDE Plasma session's"
                + " KWin", backend.probe().toString());
    }

    @Test
    void noDisplayAndNoPipeWireAreReasons() throws Exception {
        KwinCaptureBackend backend = new KwinCaptureBackend(streams, KwinSettings.of(dir.resolve("none").toString(),
                Duration.ofSeconds(1)));
        assertEquals("unavailable: cannot connect to the Wayland display " + dir.resolve("none")
                + ": No such file or directory (errno 2)", backend.probe().toString());
        RecordingStreams refusing = new RecordingStreams() {
            @Override
            public String availability() {
                return "unavailable: libpipewire-0.3.so.0 not found";
            }
        };
        assertEquals("unavailable: PipeWire capture is unavailable: libpipewire-0.3.so.0 not found",
                new KwinCaptureBackend(refusing, KwinSettings.of("/x", Duration.ofSeconds(1))).probe().toString());
    }

    @Test
    void aPipeWireFailureWithdrawsTheKwinStream() throws Exception {
        KwinCaptureBackend backend = backend(true, true);
        streams.refusal = "node 57 not found";
        BackendException e = assertThrows(BackendException.class, () -> backend.open(request(null),
                new RecordingFrameSink()));
        assertEquals("node 57 not found", e.getMessage());
        assertEquals("close", kwin.awaitRequest("close"));
        assertTrue(backend.describeSessions().isEmpty());
    }

    @Test
    void lumenKwinShowsDisplayPermissionOutputsAndStreams() throws Exception {
        KwinCaptureBackend backend = backend(true, true);
        try (CaptureSession ignored = backend.open(request(null), new RecordingFrameSink())) {
            String shown = KwinCommand.render(backend.status(), backend.describeSessions());
            assertEquals("display: " + kwin.socket() + " (given); answer timeout 2000 ms\n"
                    + "screencast: allowed (zkde_screencast_unstable_v1 version 3)\n"
                    + "outputs:\n"
                    + "  Virtual-0 1920x1080@60 Hz scale 1 (a scripted output)\n"
                    + "windows (for window:<uuid>):\n"
                    + "  " + ScriptedKwin.WINDOW_UUID + "\n"
                    + "streams:\n"
                    + "  virtual output lumen-1 1280x720: node 57 on " + kwin.socket() + "\n",
                    shown);
        }
        kwin.close();
        kwin = null;
        String gone = KwinCommand.render(backend.status(), backend.describeSessions());
        assertTrue(gone.contains("unavailable: cannot connect to the Wayland display"), gone);
        assertTrue(gone.endsWith("streams: none\n"), gone);
    }
}
