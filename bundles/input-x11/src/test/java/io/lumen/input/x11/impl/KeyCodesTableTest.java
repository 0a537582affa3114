package io.lumen.input.x11.impl;

import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.KeyCodes;
import io.lumen.testkit.x11.XInputObserver;
import io.lumen.testkit.x11.XiEvent;
import io.lumen.testkit.x11.XvfbServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The production key table (KeyCodes::linux) through a real server: A and Enter land on evdev's keycodes. */
class KeyCodesTableTest {

    @Test
    void theSharedTableTypesAAndEnter() throws Exception {
        XvfbServer.skipReason().ifPresent(reason -> assumeTrue(false, reason));
        try (XvfbServer xvfb = XvfbServer.start(); XInputObserver observer = XInputObserver.start(xvfb)) {
            X11InputBackend backend = new X11InputBackend(KeyCodes::linux, X11Settings.of(xvfb.display()));
            try (InputSession session = backend.open(new InputRequest("s1", "test", 1280, 720, Map.of()), f -> { })) {
                for (int virtualKey : new int[] {0x41, 0x0D}) {
                    session.accept(new KeyChange("s1", virtualKey, true, 0, false));
                    session.accept(new KeyChange("s1", virtualKey, false, 0, false));
                }
            }
            // KEY_A 30 and KEY_ENTER 28, plus 8
            assertEquals(List.of(new XiEvent.Key(true, 38), new XiEvent.Key(false, 38), new XiEvent.Key(true, 36),
                    new XiEvent.Key(false, 36)), observer.awaitAll(XiEvent.Key.class, 4, XvfbInjectionTest.WAIT));
            backend.deactivate();
        }
    }
}
