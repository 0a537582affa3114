package io.lumen.capture.portal.impl;

import io.lumen.testkit.portal.ScriptedDesktopPortal;
import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.input.RemoteDesktop;
import io.lumen.testkit.portal.ScriptedDesktopPortal.Notified;
import io.lumen.testkit.Poll;
import io.lumen.testkit.capture.RecordingFrameSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.lumen.capture.portal.impl.PortalDesktop.expectFrames;
import static io.lumen.capture.portal.impl.PortalDesktop.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * capture = portal ...+input against the real xdg-desktop-portal 1.16 frontend with the scripted desktop backend:
 * the session is opened through the RemoteDesktop portal (one dialog for screen and input), the input lumen sends
 * reaches the desktop's backend through the frontend on the granted stream, a denial fails cleanly, and a stream
 * without input keeps remembering its consent as before.
 */
class PortalRemoteDesktopTest {

    private static PortalDesktop desktop;
    private static ScriptedDesktopPortal scripted;

    @TempDir
    Path data;
    private PortalCaptureBackend backend;
    private PortalRemoteDesktops remoteDesktops;

    @BeforeAll
    static void startDesktop() throws Exception {
        PortalDesktop.assumeInstalled();
        desktop = PortalDesktop.start();
        scripted = desktop.backend;
    }

    @AfterAll
    static void stopDesktop() throws Exception {
        if (desktop != null) {
            desktop.close();
        }
    }

    @BeforeEach
    void freshLumen() {
        scripted.answer = ScriptedDesktopPortal.Answer.GRANT;
        scripted.monitor = "Virtual-1";
        backend = desktop.lumen(data, Duration.ofSeconds(20));
        remoteDesktops = new PortalRemoteDesktops(backend);
    }

    @Test
    void aGrantedStreamWithInputDeliversItsEventsThroughThePortal() throws Exception {
        int prompts = scripted.prompts.get();
        int before = scripted.notified.size();
        RecordingFrameSink sink = new RecordingFrameSink();
        try (CaptureSession session = backend.open(request("monitor+input:desk", "s-input"), sink)) {
            expectFrames(sink);
            assertEquals(prompts + 1, scripted.prompts.get(), "one dialog for the screen and the input");
            assertEquals(ScriptedDesktopPortal.DEVICE_TYPES, ((Number) scripted.deviceSelections.getLast().get("types"))
                    .intValue(), "keyboard, pointer and touchscreen asked for");
            assertFalse(scripted.deviceSelections.getLast().containsKey("persist_mode"),
                    "RemoteDesktop version 1 takes no persist_mode");
            assertEquals(-1, scripted.selections.getLast().persistMode(),
                    "a remote-desktop session's SelectSources carries no persist_mode (the frontend refuses it)");
            assertEquals("keyboard+pointer+touchscreen", session.stats().get("portal.input"));
            assertEquals("ok", remoteDesktops.availability());
            assertTrue(remoteDesktops.remoteDesktop("other").isEmpty());

            RemoteDesktop input = remoteDesktops.remoteDesktop("s-input").orElseThrow();
            assertEquals(320, input.width(), "the stream's size as the portal named it");
            assertEquals(240, input.height());
            input.pointerMotionAbsolute(100, 50);
            input.pointerMotionAbsolute(320, 240);
            input.pointerButton(0x110, true);
            input.pointerButton(0x110, false);
            input.pointerAxis(0, 15, true);
            input.pointerAxisDiscrete(0, 2);
            input.keyboardKeycode(30, true);
            input.keyboardKeycode(30, false);
            input.touchDown(0, 10, 20);
            input.touchUp(0);
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> scripted.notified.size() >= before + 10),
                    () -> "the desktop received " + scripted.notified.subList(before, scripted.notified.size()));
            List<Notified> seen = List.copyOf(scripted.notified.subList(before, scripted.notified.size()));
            int node = scripted.node;
            assertEquals(multiset(List.of(
                    new Notified("NotifyPointerMotionAbsolute", Map.of(), List.of(node, 100.0, 50.0)),
                    new Notified("NotifyPointerMotionAbsolute", Map.of(), List.of(node, Math.nextDown(320.0),
                            Math.nextDown(240.0))),
                    new Notified("NotifyPointerButton", Map.of(), List.of(0x110, 1)),
                    new Notified("NotifyPointerButton", Map.of(), List.of(0x110, 0)),
                    new Notified("NotifyPointerAxis", Map.of("finish", true), List.of(0.0, 15.0)),
                    new Notified("NotifyPointerAxisDiscrete", Map.of(), List.of(0, 2)),
                    new Notified("NotifyKeyboardKeycode", Map.of(), List.of(30, 1)),
                    new Notified("NotifyKeyboardKeycode", Map.of(), List.of(30, 0)),
                    new Notified("NotifyTouchDown", Map.of(), List.of(node, 0, 10.0, 20.0)),
                    new Notified("NotifyTouchUp", Map.of(), List.of(0)))), multiset(seen),
                    "every event reached the desktop through the frontend");
            assertEquals(0, input.dropped());
            String shown = PortalCommand.render(backend.status(), backend.tokens().list(), backend.describeSessions());
            assertTrue(shown.contains("remote desktop (capture = portal ...+input): version 1, devices"
                    + " keyboard+pointer+touchscreen, consent cannot be remembered"), shown);
            assertTrue(shown.contains("session s-input") && shown.contains("input keyboard+pointer+touchscreen"), shown);

            input.keyboardKeycode(31, true);
            session.close();
            assertTrue(remoteDesktops.remoteDesktop("s-input").isEmpty(), "no input once the capture closed");
            assertTrue(input.ended().toCompletableFuture().isDone());
        }
        assertFalse(Files.exists(data.resolve("desk.token")), "RemoteDesktop version 1 gives nothing to remember");
        String closed = scripted.sessions.getLast();
        assertTrue(Poll.until(Duration.ofSeconds(5), () -> scripted.closedSessions.contains(closed)));

        // not remembered: the next stream with input asks again
        try (CaptureSession ignored = backend.open(request("monitor+input:desk", "s-input"), new RecordingFrameSink())) {
            assertEquals(prompts + 2, scripted.prompts.get(), "asked again, as the log and README say");
        }
    }

    @Test
    void aDeniedStreamWithInputFailsCleanly() {
        scripted.answer = ScriptedDesktopPortal.Answer.DENY;
        BackendException denied = assertThrows(BackendException.class,
                () -> backend.open(request("monitor+input:denied-input", "s-denied"), new RecordingFrameSink()));
        assertTrue(denied.getMessage().contains("the user denied the screencast with input"), denied.getMessage());
        assertTrue(remoteDesktops.remoteDesktop("s-denied").isEmpty());
        assertTrue(backend.describeSessions().isEmpty());
        assertFalse(Files.exists(data.resolve("denied-input.token")));
        String session = scripted.sessions.getLast();
        assertTrue(Poll.until(Duration.ofSeconds(5), () -> scripted.closedSessions.contains(session)),
                "the portal's remote-desktop session is gone");
    }

    @Test
    void aStreamWithoutInputStillRestoresItsConsent() throws Exception {
        int selectedDevices = scripted.deviceSelections.size();
        try (CaptureSession first = backend.open(request("monitor:no-input", "s-plain"), new RecordingFrameSink())) {
            assertEquals("none", first.stats().get("portal.input"));
            assertTrue(remoteDesktops.remoteDesktop("s-plain").isEmpty(), "a stream without input offers none");
        }
        assertTrue(Files.exists(data.resolve("no-input.token")));
        scripted.answer = ScriptedDesktopPortal.Answer.DENY;
        int prompts = scripted.prompts.get();
        RecordingFrameSink sink = new RecordingFrameSink();
        try (CaptureSession again = backend.open(request("monitor:no-input", "s-plain"), sink)) {
            expectFrames(sink);
            assertEquals(prompts, scripted.prompts.get(), "restored without a dialog");
            assertEquals(true, again.stats().get("portal.token-offered"));
        }
        assertEquals(selectedDevices, scripted.deviceSelections.size(), "no remote desktop was asked for");
    }

    /**
     * The events and how often each came: the frontend hands each call to the backend from a worker thread of its
     * own and the backend's bus library dispatches on several threads, so arrival order is not the sent order.
     */
    private static Map<Notified, Long> multiset(List<Notified> events) {
        return events.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
