package io.lumen.capture.mutter.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.input.RemoteDesktop;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.PipeWireCaptureBackend;
import io.lumen.testkit.Poll;
import io.lumen.testkit.capture.RecordingFrameSink;
import io.lumen.testkit.pipewire.MutterCompositor;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import io.lumen.testkit.pipewire.SessionBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real headless Mutter 43 ({@code mutter --headless}, one 1280x720 virtual monitor of its own) on a private
 * session bus and PipeWire daemon (with WirePlumber), and lumen's real PipeWire capture of the nodes it casts.
 * Skipped with the reason when mutter is not installed, unless {@value MutterCompositor#REQUIRE_ENV} is set (CI).
 */
class MutterRealTest {

    private static final System.Logger LOG = System.getLogger("lumen.capture.mutter.test");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Set<PixelFormat> FORMATS = Set.of(PixelFormat.BGRX, PixelFormat.BGRA);

    private static PipeWireDaemon daemon;
    private static SessionBus bus;
    private static MutterCompositor mutter;
    private static PipeWireCaptureBackend pipewire;
    private static MutterCaptureBackend backend;
    private static String ownMonitor;
    private Process client;

    @BeforeAll
    static void startMutter() throws Exception {
        Optional<String> skip = MutterCompositor.skipReason().or(() -> PipeWireDaemon.skipReason(true));
        assumeTrue(skip.isEmpty(), () -> skip.orElse(""));
        daemon = PipeWireDaemon.start(true);
        bus = SessionBus.start();
        mutter = MutterCompositor.start(daemon, bus, "1280x720");
        pipewire = new PipeWireCaptureBackend();
        pipewire.configure(daemon.socket().toString(), "5000", null, false);
        backend = new MutterCaptureBackend(pipewire, MutterSettings.of(bus.address(), TIMEOUT));
        ownMonitor = monitors().getFirst().connector();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable part : new AutoCloseable[] {mutter, bus, daemon}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "stopping " + part + ": " + e);
            }
        }
    }

    @AfterEach
    void endClient() throws InterruptedException {
        if (client != null) {
            client.destroy();
            client.waitFor(5, TimeUnit.SECONDS);
            client = null;
        }
    }

    private static List<MutterMonitor> monitors() throws BackendException {
        try (MutterConnection connection = MutterConnection.open(MutterSettings.of(bus.address(), TIMEOUT))) {
            return connection.monitors();
        }
    }

    /** Mutter's screencast and remote-desktop sessions, of every client. */
    private static List<String> muttersSessions() throws BackendException {
        try (MutterConnection connection = MutterConnection.open(MutterSettings.of(bus.address(), TIMEOUT))) {
            List<String> sessions = new ArrayList<>(connection.children(MutterBus.SCREEN_CAST,
                    MutterBus.SCREEN_CAST_SESSIONS));
            sessions.addAll(connection.children(MutterBus.REMOTE_DESKTOP, MutterBus.REMOTE_DESKTOP_SESSIONS));
            return sessions;
        }
    }

    private static boolean noCastLeft() {
        try {
            return muttersSessions().isEmpty() && monitors().stream().noneMatch(MutterMonitor::castVirtual);
        } catch (BackendException e) {
            return false;
        }
    }

    private static CaptureRequest request(VideoMode mode, String target, String sessionId) {
        Map<String, String> options = new HashMap<>();
        if (target != null) {
            options.put(CaptureRequest.TARGET, target);
        }
        if (sessionId != null) {
            options.put(CaptureRequest.SESSION_ID, sessionId);
        }
        return new CaptureRequest(mode, FORMATS, 0, options);
    }

    @Test
    void mutterOffersItsScreencastAndLumenMutterListsItsMonitor() {
        assertEquals("available", backend.probe().toString());
        assertEquals("ok", backend.availability());
        String listing = MutterCommand.render(backend.settings(), backend.describeSessions());
        LOG.log(System.Logger.Level.INFO, "lumen:mutter:\n" + listing);
        assertTrue(listing.contains("org.gnome.Mutter.ScreenCast: offered"), listing);
        assertTrue(listing.contains("  " + ownMonitor + " 1280x720@"), listing);
        assertTrue(listing.contains("casts: none"), listing);
    }

    /**
     * The virtual monitor has the client's size and rate while the capture lasts, and its frames come at that size:
     * an idle virtual monitor sends no frame, so the pointer is moved across it through the linked remote-desktop
     * session (the pointer is drawn into the picture), with weston-simple-shm running, which opens where the pointer
     * is when no other window has the focus.
     */
    @ParameterizedTest
    @CsvSource({"1280, 720, 30", "1920, 1080, 60", "1024, 576, 60"})
    void aVirtualMonitorOfTheClientsModeExistsOnlyWhileTheCaptureLasts(int width, int height, int fps)
            throws Exception {
        VideoMode mode = new VideoMode(width, height, fps);
        RecordingFrameSink sink = new RecordingFrameSink();
        String sessionId = "virtual-" + width;
        try (CaptureSession session = backend.open(request(mode, null, sessionId), sink)) {
            assertTrue(Poll.until(TIMEOUT, () -> castMonitor().isPresent()), "a virtual monitor appears: "
                    + session.stats());
            MutterMonitor monitor = castMonitor().orElseThrow();
            LOG.log(System.Logger.Level.INFO, "virtual monitor " + monitor.describe() + "; " + session.stats());
            assertEquals(width, monitor.width(), monitor.describe());
            assertEquals(height, monitor.height(), monitor.describe());
            assertEquals(fps, monitor.refreshRate(), 0.5, monitor.describe());

            RemoteDesktop input = backend.remoteDesktop(sessionId).orElseThrow();
            assertEquals(width, input.width());
            assertEquals(height, input.height());
            input.pointerMotionAbsolute(width / 2.0, height / 2.0);
            client = mutter.startClient(List.of("weston-simple-shm"));
            int frames = 0;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            for (int i = 0; frames < 10 && System.nanoTime() < deadline; i++) {
                input.pointerMotionAbsolute(i % width, height / 2.0);
                Frame frame = sink.frames.poll(50, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    assertEquals(width, frame.width());
                    assertEquals(height, frame.height());
                    frame.release();
                    frames++;
                }
            }
            assertEquals(10, frames, "frames of the virtual monitor: " + session.stats());
            assertEquals(0, input.dropped());
            String listing = MutterCommand.render(backend.settings(), backend.describeSessions());
            assertTrue(listing.contains("  Mutter virtual monitor " + width + "x" + height + "@" + fps + ", node "
                    + session.stats().get("mutter.node") + ", stream /org/gnome/Mutter/ScreenCast/Stream/"), listing);
            assertTrue(listing.contains("lumen session " + sessionId), listing);
            assertTrue(listing.contains("Mutter's sessions (all clients): 1 screencast, 1 remote desktop"), listing);
            assertTrue(listing.contains(monitor.describe()), listing);
        }
        assertTrue(Poll.until(TIMEOUT, MutterRealTest::noCastLeft), "the virtual monitor and Mutter's sessions are"
                + " gone after the capture: " + monitors() + " " + muttersSessions());
        assertTrue(backend.remoteDesktop(sessionId).isEmpty());
        assertTrue(sink.ended.getNow("none").equals("none"), "a capture lumen closed reports no end");
    }

    private static Optional<MutterMonitor> castMonitor() {
        try {
            return monitors().stream().filter(MutterMonitor::castVirtual).findFirst();
        } catch (BackendException e) {
            return Optional.empty();
        }
    }

    @Test
    void anExistingMonitorIsStreamedAtItsOwnSize() throws Exception {
        client = mutter.startClient(List.of("weston-simple-shm"));
        RecordingFrameSink sink = new RecordingFrameSink();
        try (CaptureSession session = backend.open(request(new VideoMode(640, 480, 60), "monitor:" + ownMonitor,
                "monitor"), sink)) {
            Frame frame = sink.frames.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(frame, "a frame of " + ownMonitor + ": " + session.stats());
            assertEquals(1280, frame.width());
            assertEquals(720, frame.height());
            frame.release();
            RemoteDesktop input = backend.remoteDesktop("monitor").orElseThrow();
            assertEquals(1280, input.width());
            assertEquals(720, input.height());
            assertEquals(List.of(ownMonitor), monitors().stream().map(MutterMonitor::connector).toList(),
                    "no monitor is added for an existing one");
        }
        assertTrue(Poll.until(TIMEOUT, MutterRealTest::noCastLeft), "Mutter's sessions are gone: "
                + muttersSessions());
    }

    @Test
    void aBadTargetIsAClearErrorAndLeavesNothingInMutter() throws Exception {
        BackendException unknown = assertThrows(BackendException.class, () -> backend.open(
                request(new VideoMode(640, 480, 60), "monitor:HDMI-9", null), new RecordingFrameSink()));
        LOG.log(System.Logger.Level.INFO, "unknown monitor: " + unknown.getMessage());
        assertTrue(unknown.getMessage().contains("HDMI-9") && unknown.getMessage().contains(ownMonitor),
                unknown.getMessage());
        BackendException window = assertThrows(BackendException.class, () -> backend.open(
                request(new VideoMode(640, 480, 60), "window:12345", null), new RecordingFrameSink()));
        LOG.log(System.Logger.Level.INFO, "unknown window: " + window.getMessage());
        assertTrue(window.getMessage().contains("window 12345"), window.getMessage());
        BackendException garbled = assertThrows(BackendException.class, () -> backend.open(
                request(new VideoMode(640, 480, 60), "screen", null), new RecordingFrameSink()));
        assertTrue(garbled.getMessage().contains("\"screen\" is none of virtual, monitor:<connector>"),
                garbled.getMessage());
        assertTrue(Poll.until(TIMEOUT, MutterRealTest::noCastLeft), "nothing is left in Mutter: "
                + muttersSessions());
    }

    /**
     * Mutter 43 casts a window in a picture the size of the monitor it is on, the window drawn into it (with a crop
     * region in the buffer's metadata): the frames have the monitor's size.
     */
    @Test
    void theFocusedWindowIsStreamed() throws Exception {
        client = mutter.startClient(List.of("weston-simple-shm"));
        RecordingFrameSink sink = new RecordingFrameSink();
        // refused until the client's window has mapped and taken the focus
        CaptureSession session = Poll.every(Duration.ofMillis(200)).retries("the focused window to be cast", TIMEOUT,
                () -> backend.open(request(new VideoMode(640, 480, 60), "window:focused", null), sink));
        try (CaptureSession cast = session) {
            Frame frame = sink.frames.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(frame, "a frame of the window: " + cast.stats());
            LOG.log(System.Logger.Level.INFO, "window cast " + frame.width() + "x" + frame.height() + ": "
                    + cast.stats());
            assertEquals(1280, frame.width());
            assertEquals(720, frame.height());
            frame.release();
            assertEquals("focused window", cast.stats().get("mutter.target"));
        }
        assertTrue(Poll.until(TIMEOUT, MutterRealTest::noCastLeft), "Mutter's sessions are gone: "
                + muttersSessions());
    }

    @Test
    void mutterGoingAwayEndsTheCaptureWithAClearReason() throws Exception {
        try (SessionBus ownBus = SessionBus.start();
             MutterCompositor doomed = MutterCompositor.start(daemon, ownBus, "800x600")) {
            MutterCaptureBackend doomedBackend = new MutterCaptureBackend(pipewire,
                    MutterSettings.of(ownBus.address(), TIMEOUT));
            RecordingFrameSink sink = new RecordingFrameSink();
            try (CaptureSession session = doomedBackend.open(request(new VideoMode(800, 600, 60), null, "doomed"),
                    sink)) {
                RemoteDesktop input = doomedBackend.remoteDesktop("doomed").orElseThrow();
                doomed.stop();
                String reason = sink.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                LOG.log(System.Logger.Level.INFO, "Mutter gone: " + reason + "; " + session.stats());
                assertTrue(reason.contains("Mutter"), reason);
                assertEquals(reason, input.ended().toCompletableFuture().get(1, TimeUnit.SECONDS));
                input.pointerMotionAbsolute(1, 1);
                assertEquals(1, input.dropped(), "input after the end is dropped, not thrown");
                assertTrue(doomedBackend.remoteDesktop("doomed").isEmpty());
            }
            String probe = doomedBackend.probe().toString();
            assertTrue(probe.startsWith("unavailable: org.gnome.Mutter.ScreenCast is not on the session bus"), probe);
        }
    }

    @Test
    void theSessionBusGoingAwayEndsTheCaptureWithAClearReason() throws Exception {
        try (SessionBus ownBus = SessionBus.start();
             MutterCompositor mutterOnIt = MutterCompositor.start(daemon, ownBus, "800x600")) {
            MutterCaptureBackend lost = new MutterCaptureBackend(pipewire, MutterSettings.of(ownBus.address(), TIMEOUT));
            RecordingFrameSink sink = new RecordingFrameSink();
            try (CaptureSession session = lost.open(request(new VideoMode(800, 600, 60), "monitor:Meta-0", "lost"),
                    sink)) {
                assertTrue(mutterOnIt.owned(MutterBus.SCREEN_CAST));
                ownBus.stop();
                String reason = sink.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                LOG.log(System.Logger.Level.INFO, "bus gone: " + reason + "; " + session.stats());
                // the bus's hang-up is seen first; Mutter, without its bus, may end the node a moment later
                assertTrue(reason.contains("the D-Bus session bus at " + ownBus.address() + " went away")
                        || reason.contains("Mutter"), reason);
                assertTrue(lost.remoteDesktop("lost").isEmpty());
            }
        }
    }

    @Test
    void aBusWithoutMutterOrWithoutASocketIsUnavailableWithTheReason() throws Exception {
        try (SessionBus empty = SessionBus.start()) {
            MutterCaptureBackend none = new MutterCaptureBackend(pipewire, MutterSettings.of(empty.address(), TIMEOUT));
            assertTrue(none.probe().toString().startsWith("unavailable: org.gnome.Mutter.ScreenCast is not on the"
                    + " session bus " + empty.address()), none.probe().toString());
            assertTrue(none.availability().startsWith("org.gnome.Mutter.RemoteDesktop is not on"));
        }
        MutterCaptureBackend gone = new MutterCaptureBackend(pipewire,
                MutterSettings.of("unix:path=/nonexistent/bus", TIMEOUT));
        assertEquals("unavailable: the D-Bus session bus at unix:path=/nonexistent/bus is gone (no socket at"
                + " /nonexistent/bus)", gone.probe().toString());
        BackendException open = assertThrows(BackendException.class, () -> gone.open(
                request(new VideoMode(640, 480, 60), null, null), new RecordingFrameSink()));
        assertTrue(open.getMessage().contains("is gone"), open.getMessage());
    }
}
