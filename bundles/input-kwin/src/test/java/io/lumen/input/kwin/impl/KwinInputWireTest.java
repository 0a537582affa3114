package io.lumen.input.kwin.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.PointerCodes;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.api.input.Touch;
import io.lumen.api.input.TouchAction;
import io.lumen.api.session.StreamRequest;
import io.lumen.testkit.wayland.ScriptedCompositor;
import io.lumen.wayland.WaylandSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What goes over the wire, through the real libwayland-client to the scripted compositor: opcodes, uint and fixed
 * arguments, the authenticate first, the releases at close.
 */
class KwinInputWireTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A test table: A (0x41) is KEY_A (30), Shift (0x10) KEY_LEFTSHIFT (42); everything else has no key. */
    private static final IntUnaryOperator KEYS = vk -> switch (vk) {
        case 0x41 -> 30;
        case 0x10 -> 42;
        default -> 0;
    };

    @TempDir
    Path dir;
    private ScriptedCompositor compositor;

    @AfterEach
    void stop() throws Exception {
        if (compositor != null) {
            compositor.close();
        }
    }

    private KwinInputBackend backend(int fakeInputVersion, boolean kde) throws Exception {
        compositor = ScriptedFakeInput.start(dir, fakeInputVersion, kde);
        return new KwinInputBackend(WaylandSettings.of(compositor.socket().toString(), TIMEOUT), KEYS,
                System::nanoTime);
    }

    private static InputRequest request(Map<String, String> options) {
        return new InputRequest("s1", "test client", 1280, 720, options);
    }

    /** A session's fake input requests, from its authenticate until it disconnected (probes come and go before). */
    private List<String> requestsUntilDisconnect() throws InterruptedException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = compositor.requests.poll(5, TimeUnit.SECONDS)) != null; ) {
            if (line.startsWith("authenticate ")) {
                lines.clear();
            }
            if (line.equals("disconnected") && !lines.isEmpty()) {
                return lines;
            }
            if (!line.startsWith("bind ") && !line.equals("disconnected")) {
                lines.add(line);
            }
        }
        throw new AssertionError("the client never disconnected; saw " + lines);
    }

    @Test
    void everyKindOfEventIsItsRequestWithWaylandNumbers() throws Exception {
        KwinInputBackend backend = backend(4, true);
        assertEquals("available", backend.probe().toString());
        try (InputSession session = backend.open(request(Map.of()), feedback -> { })) {
            session.accept(new KeyChange("s1", 0x10, true, 0, false));
            session.accept(new KeyChange("s1", 0x41, true, 1, false));
            session.accept(new KeyChange("s1", 0x41, false, 1, false));
            session.accept(new KeyChange("s1", 0x10, false, 0, false));
            session.accept(new KeyChange("s1", 0x07, true, 0, false)); // no key: dropped
            session.accept(new MouseMove("s1", 10, -5));
            session.accept(new MouseButtonChange("s1", MouseButton.LEFT, true));
            session.accept(new MouseButtonChange("s1", MouseButton.LEFT, false));
            session.accept(new MouseButtonChange("s1", MouseButton.X2, true));
            session.accept(new MouseButtonChange("s1", MouseButton.X2, false));
            session.accept(new Scroll("s1", ScrollAxis.VERTICAL, Scroll.NOTCH));
            session.accept(new Scroll("s1", ScrollAxis.HORIZONTAL, -Scroll.NOTCH / 2));
            session.accept(new MousePosition("s1", 1279, 0, 1280, 720));
            session.accept(new Touch("s1", TouchAction.DOWN, 7, 0.5f, 0.5f, 0, 0, 0, -1));
            session.accept(new Touch("s1", TouchAction.UP, 7, 0.5f, 0.5f, 0, 0, 0, -1));
        }
        assertEquals(List.of(
                "authenticate lumen | stream this desktop to test client (session s1) and type, point and touch for it",
                "keyboard_key 42 1", "keyboard_key 30 1", "keyboard_key 30 0", "keyboard_key 42 0",
                "pointer_motion 2560 -1280",
                "button 272 1", "button 272 0", "button 276 1", "button 276 0",
                "axis 0 -3840", "axis 1 -1920",
                // the first output, Left-1 (1920x1080): the client's right edge is its right edge
                "pointer_motion_absolute " + 1919 * 256 + " 0",
                "touch_down 7 " + (int) Math.rint(959.5 * 256) + " " + (int) Math.rint(539.5 * 256), "touch_frame",
                "touch_up 7", "touch_frame"), requestsUntilDisconnect());
    }

    @Test
    void absolutePositionsLandOnTheOutputTheSessionStreams() throws Exception {
        KwinInputBackend backend = backend(4, true);
        try (InputSession session = backend.open(request(Map.of(StreamRequest.CAPTURE_BACKEND, "kwin",
                CaptureRequest.TARGET, "output:Right-1")), feedback -> { })) {
            session.accept(new MousePosition("s1", 0, 0, 1280, 720));
            session.accept(new MousePosition("s1", 1279, 719, 1280, 720));
            session.accept(new MousePosition("s1", 640, 360, 1281, 721));
        }
        assertEquals(List.of("pointer_motion_absolute " + 1920 * 256 + " 0",
                "pointer_motion_absolute " + (1920 + 1279) * 256 + " " + 1023 * 256,
                "pointer_motion_absolute " + (int) ((1920 + 639.5) * 256) + " " + (int) (511.5 * 256)),
                requestsUntilDisconnect().subList(1, 4));
    }

    @Test
    void closingReleasesWhatTheSessionHoldsThenDisconnects() throws Exception {
        KwinInputBackend backend = backend(4, true);
        InputSession session = backend.open(request(Map.of()), feedback -> { });
        session.accept(new KeyChange("s1", 0x10, true, 0, false));
        session.accept(new KeyChange("s1", 0x41, true, 1, false));
        session.accept(new MouseButtonChange("s1", MouseButton.RIGHT, true));
        session.accept(new Touch("s1", TouchAction.DOWN, 1, 0f, 0f, 0, 0, 0, -1));
        session.close();
        session.close();
        List<String> lines = requestsUntilDisconnect();
        assertEquals(List.of("keyboard_key 42 0", "keyboard_key 30 0", "button 273 0", "touch_cancel"),
                lines.subList(lines.size() - 4, lines.size()));
    }

    @Test
    void anOlderFakeInputDropsWhatItCannotCarry() throws Exception {
        KwinInputBackend backend = backend(2, true);
        try (InputSession session = backend.open(request(Map.of()), feedback -> { })) {
            session.accept(new KeyChange("s1", 0x41, true, 0, false));
            session.accept(new MousePosition("s1", 0, 0, 1280, 720));
            session.accept(new MouseMove("s1", 1, 1));
            session.accept(new GamepadState("s1", 0, 1, 0, 0, 0, 0, 0, 0, 0));
        }
        assertEquals(List.of("pointer_motion 256 256"), requestsUntilDisconnect().subList(1, 2));
    }

    @Test
    void aKwinThatHidesFakeInputIsARefusalWithBothRemedies() throws Exception {
        KwinInputBackend backend = backend(0, true);
        String probe = backend.probe().toString();
        assertTrue(probe.startsWith("unavailable: KWin at " + compositor.socket() + " does not offer"
                + " org_kde_kwin_fake_input to lumen"), probe);
        assertTrue(probe.contains("KWIN_WAYLAND_NO_PERMISSION_CHECKS=1"), probe);
        assertTrue(probe.contains("X-KDE-Wayland-Interfaces=org_kde_kwin_fake_input"), probe);
        BackendException e = assertThrows(BackendException.class, () -> backend.open(request(Map.of()), f -> { }));
        assertEquals(probe, "unavailable: " + e.getMessage());
        assertEquals("disconnected", compositor.awaitRequest("disconnected"));
    }

    @Test
    void anotherCompositorIsNotKwin() throws Exception {
        KwinInputBackend backend = backend(0, false);
        assertEquals("unavailable: the compositor at " + compositor.socket() + " does not offer"
                + " org_kde_kwin_fake_input (it is not KWin: it advertises no KDE interfaces)",
                backend.probe().toString());
    }

    @Test
    void noDisplayIsTheReason() {
        KwinInputBackend backend = new KwinInputBackend(WaylandSettings.of(dir.resolve("none").toString(), TIMEOUT),
                KEYS, System::nanoTime);
        assertEquals("unavailable: no Wayland display: cannot connect to the Wayland display " + dir.resolve("none")
                + ": No such file or directory (errno 2)", backend.probe().toString());
        KwinInputBackend unnamed = new KwinInputBackend(KwinInputSettings.read(key -> null, Map.of(
                "WAYLAND_DISPLAY", "wayland-0")::get), KEYS, System::nanoTime);
        assertTrue(unnamed.probe().toString().startsWith("unavailable: no Wayland display: the Wayland display"
                + " \"wayland-0\" (WAYLAND_DISPLAY) is a name in XDG_RUNTIME_DIR, which is not set"),
                unnamed.probe().toString());
    }

    @Test
    void theProbeIsReusedForAFewSeconds() throws Exception {
        AtomicLong now = new AtomicLong();
        compositor = ScriptedFakeInput.start(dir, 4, true);
        KwinInputBackend backend = new KwinInputBackend(WaylandSettings.of(compositor.socket().toString(), TIMEOUT),
                KEYS, now::get);
        assertEquals("available", backend.probe().toString());
        compositor.close();
        now.addAndGet(KwinInputBackend.PROBE_CACHE.toNanos() - 1);
        assertEquals("available", backend.probe().toString(), "cached");
        now.addAndGet(1);
        assertTrue(backend.probe().toString().startsWith("unavailable: no Wayland display"), "probed again");
    }

    @Test
    void theStreamedOutputComesFromAKwinOutputCapture() {
        assertEquals(Optional.of("DP-1"), KwinInputBackend.streamedOutput(request(Map.of(
                StreamRequest.CAPTURE_BACKEND, "kwin", CaptureRequest.TARGET, "output:DP-1"))));
        assertEquals(Optional.of("HDMI-A-1"), KwinInputBackend.streamedOutput(request(Map.of(
                StreamRequest.CAPTURE_BACKEND, "kwin", CaptureRequest.TARGET, " HDMI-A-1 "))));
        for (String target : new String[]{"virtual", "window:{abc}", ""}) {
            assertEquals(Optional.empty(), KwinInputBackend.streamedOutput(request(Map.of(
                    StreamRequest.CAPTURE_BACKEND, "kwin", CaptureRequest.TARGET, target))), target);
        }
        assertEquals(Optional.empty(), KwinInputBackend.streamedOutput(request(Map.of(
                StreamRequest.CAPTURE_BACKEND, "pipewire", CaptureRequest.TARGET, "DP-1"))));
    }

    @Test
    void theScrollAndButtonNumbersAreKwinsAndLinuxs() {
        assertEquals(-15.0, Translation.axisValue(new Scroll("s", ScrollAxis.VERTICAL, 120)));
        assertEquals(30.0, Translation.axisValue(new Scroll("s", ScrollAxis.VERTICAL, -240)));
        assertEquals(1.875, Translation.axisValue(new Scroll("s", ScrollAxis.HORIZONTAL, 15)));
        assertEquals(List.of(0x110, 0x112, 0x111, 0x113, 0x114), List.of(MouseButton.values()).stream()
                .map(PointerCodes::button).toList());
        assertEquals(0, PointerCodes.axis(ScrollAxis.VERTICAL));
        assertEquals(1, PointerCodes.axis(ScrollAxis.HORIZONTAL));
    }
}
