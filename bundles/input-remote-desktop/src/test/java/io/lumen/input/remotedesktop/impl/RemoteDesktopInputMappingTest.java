package io.lumen.input.remotedesktop.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Pen;
import io.lumen.api.input.PenTool;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.api.input.TextInput;
import io.lumen.api.input.Touch;
import io.lumen.api.input.TouchAction;
import io.lumen.api.session.StreamRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the client's events become remote-desktop calls, which sessions the backend takes, and how a session follows
 * its cast's remote desktop as it comes, ends and is replaced; one provider here ({@code mutter}), two in
 * {@link RemoteDesktopProvidersTest}.
 */
class RemoteDesktopInputMappingTest {

    private static final String S = "m1";
    private static final int VK_SHIFT = 0x10;
    private static final int VK_A = 0x41;

    private static final String NO_MUTTER_CAST = RemoteDesktopInputSession.noCast("mutter");

    private final RecordingRemoteDesktop.Casts casts = new RecordingRemoteDesktop.Casts("mutter");
    private final AtomicLong clock = new AtomicLong();
    private final RemoteDesktopInputBackend backend = new RemoteDesktopInputBackend(
            vk -> switch (vk) {
                case VK_SHIFT -> 42;
                case VK_A -> 30;
                default -> 0;
            }, clock::get);

    private InputSession open(Map<String, String> options) throws BackendException {
        backend.bindRemoteDesktops(casts, casts.properties());
        return backend.open(new InputRequest(S, "test", 1280, 720, options), feedback -> { });
    }

    private static Touch touch(TouchAction action, long id, float x, float y) {
        return new Touch(S, action, id, x, y, 0, 0, 0, Touch.UNKNOWN_ROTATION);
    }

    @Test
    void eventsBecomeEvdevCodesStepsPixelsAndMonitorPositions() throws Exception {
        RecordingRemoteDesktop desktop = new RecordingRemoteDesktop(1920, 1080);
        casts.put(S, desktop);
        try (InputSession session = open(Map.of())) {
            session.accept(new KeyChange(S, VK_A, true, 0, false));
            session.accept(new KeyChange(S, VK_A, false, 0, false));
            session.accept(new KeyChange(S, 0xE9, true, 0, false)); // no Linux code in this table
            // the client's view is 1280x720; the monitor 1920x1080: both far edges meet
            session.accept(new MousePosition(S, 1279, 719, 1280, 720));
            session.accept(new MousePosition(S, 640, 0, 1281, 720));
            session.accept(new MouseMove(S, -3, 4));
            session.accept(new MouseButtonChange(S, MouseButton.X1, true));
            session.accept(new MouseButtonChange(S, MouseButton.X1, false));
            session.accept(new Scroll(S, ScrollAxis.VERTICAL, Scroll.NOTCH)); // up: Mutter's negative
            session.accept(new Scroll(S, ScrollAxis.HORIZONTAL, -2 * Scroll.NOTCH));
            session.accept(new Scroll(S, ScrollAxis.VERTICAL, -30)); // a quarter notch down, high resolution
            session.accept(new Scroll(S, ScrollAxis.HORIZONTAL, 60));
            session.accept(new TextInput(S, "Hé€\n"));
            session.accept(touch(TouchAction.DOWN, 4_000_000_000L, 0.5f, 1f));
            session.accept(touch(TouchAction.DOWN, 3, 0f, 0f));
            session.accept(touch(TouchAction.MOVE, 4_000_000_000L, 1f, 0f));
            session.accept(touch(TouchAction.HOVER, 9, 0.1f, 0.1f));
            session.accept(touch(TouchAction.UP, 4_000_000_000L, 1f, 0f));
            session.accept(touch(TouchAction.CANCEL_ALL, 0, 0f, 0f));
            assertEquals(List.of("key 30 true", "key 30 false",
                    "absolute 1919.0 1079.0", "absolute 959.5 0.0", "relative -3.0 4.0",
                    "button 275 true", "button 275 false",
                    "discrete 0 -1", "discrete 1 -2", "axis 0.0 2.5 false", "axis 5.0 0.0 false",
                    "keysym 0x48 true", "keysym 0x48 false", "keysym 0xe9 true", "keysym 0xe9 false",
                    "keysym 0x10020ac true", "keysym 0x10020ac false", "keysym 0xff0d true", "keysym 0xff0d false",
                    "touch down 0 959.5 1079.0", "touch down 1 0.0 0.0", "touch motion 0 1919.0 0.0",
                    "touch up 0", "touch up 1"), desktop.calls);
            assertEquals(Map.of(RemoteDesktopInputSession.NO_KEY_CODE, 1L), session.dropped());
            session.accept(new Pen(S, TouchAction.DOWN, PenTool.PEN, 0, 0.5f, 0.5f, 0.5f, 0, 0,
                    Pen.UNKNOWN_ROTATION, 0));
            desktop.undelivered = 4;
            assertEquals(Map.of(RemoteDesktopInputSession.NO_KEY_CODE, 1L, "pen not injected", 1L,
                    RemoteDesktopInputSession.UNDELIVERED, 4L), session.dropped());
        }
    }

    @Test
    void closeLetsGoOfHeldKeysButtonsAndTouches() throws Exception {
        RecordingRemoteDesktop desktop = new RecordingRemoteDesktop(1280, 720);
        casts.put(S, desktop);
        InputSession session = open(Map.of());
        session.accept(new KeyChange(S, VK_SHIFT, true, 0, false));
        session.accept(new KeyChange(S, VK_A, true, 0, false));
        session.accept(new KeyChange(S, VK_A, false, 0, false));
        session.accept(new MouseButtonChange(S, MouseButton.RIGHT, true));
        session.accept(touch(TouchAction.DOWN, 5, 0f, 0f));
        desktop.calls.clear();
        session.close();
        session.close();
        assertEquals(List.of("key 42 false", "button 273 false", "touch up 0"), desktop.calls);
    }

    @Test
    void onlyASessionStreamingACastOfAProviderOrSetToOneIsTaken() throws Exception {
        backend.bindRemoteDesktops(casts, casts.properties());
        BackendException other = assertThrows(BackendException.class, () -> backend.open(new InputRequest(S,
                "test", 1280, 720, Map.of(StreamRequest.CAPTURE_BACKEND, "kwin")), feedback -> { }));
        assertTrue(other.getMessage().contains("streams no cast of mutter (its capture is \"kwin\")"),
                other.getMessage());
        assertThrows(BackendException.class, () -> backend.open(new InputRequest(S, "test", 1280, 720, Map.of()),
                feedback -> { }));
        backend.open(new InputRequest(S, "test", 1280, 720, Map.of(StreamRequest.CAPTURE_BACKEND, "mutter")),
                feedback -> { }).close();
        casts.put(S, new RecordingRemoteDesktop(1280, 720));
        backend.open(new InputRequest(S, "test", 1280, 720, Map.of()), feedback -> { }).close();
        backend.unbindRemoteDesktops(casts, casts.properties());
        assertTrue(assertThrows(BackendException.class, () -> backend.open(new InputRequest(S, "test", 1280, 720,
                Map.of(StreamRequest.CAPTURE_BACKEND, "mutter")), feedback -> { })).getMessage()
                .contains("no capture backend with a remote desktop is running"));
    }

    @Test
    void theProbeFollowsTheProviderAndIsReusedForAFewSeconds() {
        assertTrue(backend.probe().reason().contains("no capture backend with a remote desktop is running"),
                backend.probe().reason());
        backend.bindRemoteDesktops(casts, casts.properties());
        assertTrue(backend.probe().available(), "a new binding is probed at once");
        assertTrue(backend.probe().reason().contains("mutter"), "it says which: " + backend.probe().reason());
        casts.availability = "Mutter's RemoteDesktop is not on the session bus";
        assertTrue(backend.probe().available(), "reused within " + RemoteDesktopInputBackend.PROBE_CACHE);
        clock.addAndGet(RemoteDesktopInputBackend.PROBE_CACHE.toNanos());
        assertEquals("unavailable: Mutter's RemoteDesktop is not on the session bus", backend.probe().toString());
    }

    @Test
    void aSessionFindsItsCastLateFollowsAReplacementAndCountsWhatFellBetween() throws Exception {
        InputSession session = open(Map.of(StreamRequest.CAPTURE_BACKEND, "mutter"));
        session.accept(new MouseMove(S, 1, 1)); // the capture is not open yet
        RecordingRemoteDesktop first = new RecordingRemoteDesktop(1280, 720);
        casts.put(S, first);
        session.accept(new KeyChange(S, VK_SHIFT, true, 0, false));
        session.accept(new MouseButtonChange(S, MouseButton.LEFT, true));
        first.undelivered = 2;
        first.end("the capture was swapped");
        casts.remove(S);
        session.accept(new MouseMove(S, 2, 2)); // between two casts
        RecordingRemoteDesktop second = new RecordingRemoteDesktop(1920, 1080);
        casts.put(S, second);
        session.accept(new MouseMove(S, 3, 3));
        assertEquals(List.of("key 42 true", "button 272 true"), first.calls);
        assertEquals(List.of("key 42 true", "button 272 true", "relative 3.0 3.0"), second.calls,
                "what the client holds is pressed again on the new monitor");
        assertEquals(Map.of(NO_MUTTER_CAST, 2L, RemoteDesktopInputSession.UNDELIVERED, 2L), session.dropped());

        // capture-mutter updated: its service goes, the session keeps nothing of it and finds the new one's cast
        backend.unbindRemoteDesktops(casts, casts.properties());
        session.accept(new MouseMove(S, 4, 4));
        RecordingRemoteDesktop.Casts updated = new RecordingRemoteDesktop.Casts("mutter");
        RecordingRemoteDesktop third = new RecordingRemoteDesktop(1280, 720);
        updated.put(S, third);
        backend.bindRemoteDesktops(updated, updated.properties());
        session.accept(new MouseMove(S, 5, 5));
        session.close();
        assertEquals(List.of("key 42 true", "button 272 true", "relative 5.0 5.0", "key 42 false",
                "button 272 false"), third.calls);
        assertEquals(List.of("key 42 true", "button 272 true", "relative 3.0 3.0"), second.calls,
                "nothing goes to the departed bundle's remote desktop");
        assertEquals(3L, session.dropped().get(NO_MUTTER_CAST));
    }
}
