package io.lumen.input.x11.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.MouseMove;
import io.lumen.input.x11.impl.xlib.Xlib;
import io.lumen.testkit.Poll;
import io.lumen.testkit.x11.XvfbServer;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What probe() and open() say when something is missing, and a server that goes away under a session. */
class X11ProbeTest {

    private static final InputRequest REQUEST = new InputRequest("s1", "test client", 1280, 720, Map.of());

    private static X11InputBackend backendOn(X11Settings settings) {
        return new X11InputBackend(XvfbInjectionTest.TEST_KEYS, settings);
    }

    @Test
    void aDisplayNobodyServesCannotBeOpened() {
        X11InputBackend backend = backendOn(X11Settings.of(":4321"));
        assertEquals("unavailable: cannot open X display :4321", backend.probe().toString());
        BackendException e = assertThrows(BackendException.class, () -> backend.open(REQUEST, feedback -> { }));
        assertEquals("cannot open X display :4321", e.getMessage());
        backend.deactivate();
    }

    @Test
    void noDisplayConfiguredSaysWhatToSet() {
        X11InputBackend backend = backendOn(new X11Settings(Optional.empty(), "none"));
        assertEquals("unavailable: no X display (DISPLAY unset; set lumen.x11.display)", backend.probe().toString());
    }

    @Test
    void aMissingLibraryNamesThePackage() {
        Xlib missing = Xlib.load(Arena.ofAuto(), Xlib.X11, "libXtst-absent.so.6");
        X11InputBackend backend = new X11InputBackend(missing, XvfbInjectionTest.TEST_KEYS, X11Settings.of(":0"));
        assertEquals("unavailable: libXtst-absent.so.6 not found (apt-get install libxtst6)",
                backend.probe().toString());
    }

    @Test
    void aServerWithoutXTestIsNamed() throws Exception {
        XvfbServer.skipReason().ifPresent(reason -> assumeTrue(false, reason));
        try (XvfbServer xvfb = XvfbServer.start("-extension", "XTEST")) {
            X11InputBackend backend = backendOn(X11Settings.of(xvfb.display()));
            assertEquals("unavailable: X server on " + xvfb.display() + " has no XTEST extension",
                    backend.probe().toString());
            backend.deactivate();
        }
    }

    @Test
    void aServerThatGoesAwayFailsTheSessionWithoutEndingTheJvm() throws Exception {
        XvfbServer.skipReason().ifPresent(reason -> assumeTrue(false, reason));
        X11InputBackend backend;
        InputSession session;
        try (XvfbServer xvfb = XvfbServer.start()) {
            backend = backendOn(X11Settings.of(xvfb.display()));
            session = backend.open(REQUEST, feedback -> { });
            session.accept(new MouseMove("s1", 1, 1));
            assertTrue(backend.probe().available());
            xvfb.stop();
            assertTrue(backend.probe().available(), "the probe is reused for " + X11InputBackend.PROBE_MAX_AGE);
        }
        // the first writes may still land in the socket's buffer; the break shows once the kernel knows
        InputSession broken = session;
        Object outcome = Poll.await("an event to fail after the server stopped", Duration.ofSeconds(5), () -> {
            try {
                broken.accept(new MouseMove("s1", 1, 1));
                return "accepted";
            } catch (BackendException e) {
                return e;
            }
        }, BackendException.class::isInstance);
        BackendException failure = (BackendException) outcome;
        assertTrue(failure.getMessage().contains("broke"), failure.getMessage());
        session.close();
        session.close();
        backend.deactivate();
    }
}
