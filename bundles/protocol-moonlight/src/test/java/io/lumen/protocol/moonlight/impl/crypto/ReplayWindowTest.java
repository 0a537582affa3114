package io.lumen.protocol.moonlight.impl.crypto;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayWindowTest {

    @Test
    void acceptsEachCounterOnceInAnyOrderWithinTheWindow() {
        ReplayWindow window = new ReplayWindow();
        assertTrue(window.accept(0));
        assertTrue(window.accept(2));
        assertTrue(window.accept(1), "late but new");
        assertFalse(window.accept(1));
        assertFalse(window.accept(0));
        assertTrue(window.accept(100));
        assertFalse(window.accept(36), "older than the window");
        assertTrue(window.accept(37));
        assertFalse(window.accept(100));
        assertTrue(window.accept(-1), "counters are unsigned: 0xffffffff is the highest");
        assertFalse(window.accept(101), "now far behind");
    }
}
