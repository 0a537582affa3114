package io.lumen.input.x11.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.testkit.x11.XInputObserver;
import io.lumen.testkit.x11.XiEvent;
import io.lumen.testkit.x11.XvfbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The backend against a real Xvfb, checked by what an XInput 2 client on that server receives. */
class XvfbInjectionTest {

    static final String SESSION = "s1";
    static final Duration WAIT = Duration.ofSeconds(5);
    /** Windows virtual keys to Linux key codes, the few these tests type: Shift (KEY_LEFTSHIFT), A (KEY_A). */
    static final IntUnaryOperator TEST_KEYS = vk -> Map.of(0x10, 42, 0x41, 30).getOrDefault(vk, 0);
    static final int X_SHIFT = 50;
    static final int X_A = 38;

    private static XvfbServer xvfb;
    private static X11InputBackend backend;
    private XInputObserver observer;
    private InputSession session;

    @BeforeAll
    static void startServer() throws IOException {
        XvfbServer.skipReason().ifPresent(reason -> assumeTrue(false, reason));
        xvfb = XvfbServer.start();
        backend = new X11InputBackend(TEST_KEYS, X11Settings.of(xvfb.display()));
    }

    @AfterAll
    static void stopServer() {
        if (backend != null) {
            backend.deactivate();
        }
        if (xvfb != null) {
            xvfb.close();
        }
    }

    @BeforeEach
    void openSession() throws Exception {
        assertEquals("available", backend.probe().toString());
        observer = XInputObserver.start(xvfb);
        session = backend.open(new InputRequest(SESSION, "test client", 1280, 720, Map.of()), feedback -> { });
    }

    @AfterEach
    void closeSession() {
        if (session != null) {
            session.close();
        }
        if (observer != null) {
            observer.close();
        }
    }

    private void send(InputEvent... events) throws BackendException {
        for (InputEvent event : events) {
            session.accept(event);
        }
    }

    private static KeyChange key(int virtualKey, boolean pressed) {
        return new KeyChange(SESSION, virtualKey, pressed, 0, false);
    }

    @Test
    void aShiftedKeyArrivesAsExactlyThoseKeycodesInOrder() throws Exception {
        send(key(0x10, true), key(0x41, true), key(0x41, false), key(0x10, false));
        assertEquals(List.of(new XiEvent.Key(true, X_SHIFT), new XiEvent.Key(true, X_A), new XiEvent.Key(false, X_A),
                new XiEvent.Key(false, X_SHIFT)), observer.awaitAll(XiEvent.Key.class, 4, WAIT));
        assertEquals(List.of(), observer.settle(XiEvent.Key.class, Duration.ofMillis(200)));
    }

    @Test
    void aKeyWithoutALinuxCodeIsDroppedNotSent() throws Exception {
        send(key(0x70, true), key(0x70, false), key(0x41, true), key(0x41, false));
        assertEquals(List.of(new XiEvent.Key(true, X_A), new XiEvent.Key(false, X_A)),
                observer.awaitAll(XiEvent.Key.class, 2, WAIT));
    }

    @Test
    void absolutePositionsScaleToTheScreenAndRelativeMovesAddUp() throws Exception {
        send(new MousePosition(SESSION, 500, 250, 1000, 500));
        XiEvent.Motion centre = observer.awaitNext(XiEvent.Motion.class, m -> true, WAIT);
        assertEquals(640, centre.rootX(), 1.0, "x of " + centre);
        assertEquals(360, centre.rootY(), 1.0, "y of " + centre);

        send(new MousePosition(SESSION, 999, 499, 1000, 500));
        observer.awaitNext(XiEvent.Motion.class, m -> m.rootX() == 1279 && m.rootY() == 719, WAIT);
        send(new MousePosition(SESSION, 0, 0, 1000, 500));
        observer.awaitNext(XiEvent.Motion.class, m -> m.rootX() == 0 && m.rootY() == 0, WAIT);

        send(new MousePosition(SESSION, 640, 360, 1280, 720), new MouseMove(SESSION, 3, -2));
        observer.awaitNext(XiEvent.Motion.class, m -> m.rootX() == 643 && m.rootY() == 358, WAIT);
        send(new MouseMove(SESSION, -40, 25));
        observer.awaitNext(XiEvent.Motion.class, m -> m.rootX() == 603 && m.rootY() == 383, WAIT);
    }

    @Test
    void eachButtonClicksItsXButtonWherethePointerIs() throws Exception {
        send(new MousePosition(SESSION, 100, 200, 1280, 720));
        observer.awaitNext(XiEvent.Motion.class, m -> m.rootX() == 100 && m.rootY() == 200, WAIT);
        for (MouseButton button : List.of(MouseButton.LEFT, MouseButton.RIGHT, MouseButton.MIDDLE, MouseButton.X1,
                MouseButton.X2)) {
            send(new MouseButtonChange(SESSION, button, true), new MouseButtonChange(SESSION, button, false));
        }
        List<XiEvent.Button> clicks = observer.awaitAll(XiEvent.Button.class, 10, WAIT);
        assertEquals(List.of(1, 1, 3, 3, 2, 2, 8, 8, 9, 9), clicks.stream().map(XiEvent.Button::button).toList());
        assertEquals(List.of(true, false, true, false, true, false, true, false, true, false),
                clicks.stream().map(XiEvent.Button::pressed).toList());
        assertTrue(clicks.stream().allMatch(c -> c.rootX() == 100 && c.rootY() == 200), clicks::toString);
    }

    @Test
    void aNotchIsOneWheelClickAndHalfNotchesCarry() throws Exception {
        send(new Scroll(SESSION, ScrollAxis.VERTICAL, Scroll.NOTCH), new Scroll(SESSION, ScrollAxis.VERTICAL,
                -Scroll.NOTCH), new Scroll(SESSION, ScrollAxis.HORIZONTAL, Scroll.NOTCH),
                new Scroll(SESSION, ScrollAxis.HORIZONTAL, -Scroll.NOTCH));
        assertEquals(List.of(click(4, true), click(4, false), click(5, true), click(5, false), click(7, true),
                click(7, false), click(6, true), click(6, false)), buttons(observer.awaitAll(XiEvent.Button.class, 8,
                WAIT)));

        Scroll half = new Scroll(SESSION, ScrollAxis.VERTICAL, Scroll.NOTCH / 2);
        send(half, half, half);
        assertEquals(List.of(click(4, true), click(4, false)),
                buttons(observer.awaitAll(XiEvent.Button.class, 2, WAIT)), "three half notches: one click");
        assertEquals(List.of(), observer.settle(XiEvent.Button.class, Duration.ofMillis(300)),
                "and half a notch carried, not clicked");
        send(half);
        assertEquals(List.of(click(4, true), click(4, false)),
                buttons(observer.awaitAll(XiEvent.Button.class, 2, WAIT)), "the carried half and this one");
    }

    private static List<String> buttons(List<XiEvent.Button> events) {
        return events.stream().map(b -> click(b.button(), b.pressed())).toList();
    }

    private static String click(int button, boolean pressed) {
        return button + (pressed ? " down" : " up");
    }

    private static String describe(XiEvent event) {
        return switch (event) {
            case XiEvent.Key k -> "key " + click(k.keycode(), k.pressed());
            case XiEvent.Button b -> "button " + click(b.button(), b.pressed());
            default -> event.toString();
        };
    }

    @Test
    void closingReleasesTheKeysAndButtonsStillHeld() throws Exception {
        send(key(0x41, true), new MouseButtonChange(SESSION, MouseButton.RIGHT, true),
                new MouseButtonChange(SESSION, MouseButton.LEFT, true),
                new MouseButtonChange(SESSION, MouseButton.LEFT, false));
        observer.awaitNext(XiEvent.Key.class, k -> k.pressed() && k.keycode() == X_A, WAIT);
        observer.awaitAll(XiEvent.Button.class, 3, WAIT);
        session.close();
        session = null;
        List<String> released = observer.awaitAll(XiEvent.class, 2, WAIT).stream()
                .map(XvfbInjectionTest::describe).toList();
        assertEquals(List.of("key " + X_A + " up", "button 3 up"), released,
                "the key, then the right button (the left one was already up)");
        assertEquals(List.of(), observer.settle(XiEvent.class, Duration.ofMillis(300)), "nothing else released");
    }

    @Test
    void anEventTakesWellUnderAMillisecond() throws Exception {
        int events = 2000;
        send(new MousePosition(SESSION, 640, 360, 1280, 720));
        for (int warmup = 0; warmup < 500; warmup++) {
            send(new MouseMove(SESSION, warmup % 2 == 0 ? 1 : -1, 0));
        }
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            send(new MouseMove(SESSION, i % 2 == 0 ? 1 : -1, 0));
        }
        double micros = (System.nanoTime() - start) / 1000.0 / events;
        System.out.printf("X11 input: %.1f us per relative move (XTest + XFlush)%n", micros);
        assertTrue(micros < 500, micros + " us per event");
    }
}
