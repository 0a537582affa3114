package io.lumen.capture.portal.impl;

import io.lumen.testkit.portal.ScriptedDesktopPortal;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.PipeWireCaptureBackend;
import io.lumen.capture.pipewire.impl.ffm.PipeWire;
import io.lumen.capture.pipewire.impl.ffm.PwRemote;
import io.lumen.testkit.capture.RecordingFrameSink;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import io.lumen.testkit.pipewire.PortalFrontend;
import io.lumen.testkit.pipewire.SessionBus;
import io.lumen.tools.pwproducer.BufferMemory;
import io.lumen.tools.pwproducer.PatternProducer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A desktop for the portal tests: a private bus and PipeWire daemon (with WirePlumber), a pattern producer standing
 * for the monitor, the scripted ScreenCast and RemoteDesktop backend naming its node, the real portal frontend, and
 * lumen's real PipeWire capture on that daemon.
 */
final class PortalDesktop implements AutoCloseable {

    static final VideoMode MODE = new VideoMode(320, 240, 30);

    final SessionBus bus;
    final PipeWireDaemon daemon;
    final PatternProducer producer;
    final ScriptedDesktopPortal backend;
    final PortalFrontend portal;
    final PipeWireCaptureBackend pipewire;

    private PortalDesktop(SessionBus bus, PipeWireDaemon daemon, PatternProducer producer, ScriptedDesktopPortal backend,
                          PortalFrontend portal, PipeWireCaptureBackend pipewire) {
        this.bus = bus;
        this.daemon = daemon;
        this.producer = producer;
        this.backend = backend;
        this.portal = portal;
        this.pipewire = pipewire;
    }

    /** Skips the calling test where a part is not installed (and CI did not ask for it). */
    static void assumeInstalled() {
        assumeTrue(SessionBus.skipReason().isEmpty(), () -> SessionBus.skipReason().orElseThrow());
        assumeTrue(PipeWireDaemon.skipReason(true).isEmpty(), () -> PipeWireDaemon.skipReason(true).orElseThrow());
        assumeTrue(PortalFrontend.skipReason().isEmpty(), () -> PortalFrontend.skipReason().orElseThrow());
    }

    static PortalDesktop start() throws Exception {
        SessionBus bus = SessionBus.start();
        PipeWireDaemon daemon = null;
        PatternProducer producer = null;
        ScriptedDesktopPortal backend = null;
        try {
            daemon = PipeWireDaemon.start(true);
            producer = new PatternProducer(PipeWire.system(), PwRemote.socket(daemon.socket()), "portal-monitor",
                    MODE, BufferMemory.MEMFD);
            int node = producer.awaitInGraph(Duration.ofSeconds(10));
            // the frontend reads the backend's properties once, at its start: the backend comes first
            backend = new ScriptedDesktopPortal(bus.address(), node);
            PortalFrontend portal = PortalFrontend.start(bus, daemon, ScriptedDesktopPortal.BUS_NAME,
                    List.of(PortalFrontend.IMPL_SCREEN_CAST, PortalFrontend.IMPL_REMOTE_DESKTOP));
            PipeWireCaptureBackend pipewire = new PipeWireCaptureBackend();
            pipewire.configure(daemon.socket().toString(), "5000", null, false);
            return new PortalDesktop(bus, daemon, producer, backend, portal, pipewire);
        } catch (Exception | Error e) {
            for (AutoCloseable part : new AutoCloseable[] {backend, producer, daemon, bus}) {
                if (part != null) {
                    part.close();
                }
            }
            throw e;
        }
    }

    /** lumen's portal capture on this desktop, its consents kept in {@code tokens}. */
    PortalCaptureBackend lumen(Path tokens, Duration consentTimeout) {
        return new PortalCaptureBackend(pipewire, new PortalSettings(Optional.of(bus.address()),
                Duration.ofSeconds(10), consentTimeout, tokens));
    }

    static CaptureRequest request(String target) {
        return new CaptureRequest(MODE, Set.of(PixelFormat.BGRX), 0, Map.of(CaptureRequest.TARGET, target));
    }

    /** A capture for lumen session {@code sessionId}, as the session manager opens one. */
    static CaptureRequest request(String target, String sessionId) {
        return new CaptureRequest(MODE, Set.of(PixelFormat.BGRX), 0, Map.of(CaptureRequest.TARGET, target,
                CaptureRequest.SESSION_ID, sessionId));
    }

    static void expectFrames(RecordingFrameSink sink) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            Frame frame = sink.frames.poll(10, TimeUnit.SECONDS);
            assertNotNull(frame, "frame " + i + " through the portal");
            assertEquals(MODE.width(), frame.width());
            frame.release();
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {portal, backend, producer, daemon, bus}) {
            part.close();
        }
    }
}
