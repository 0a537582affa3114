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

    @Test
    void aLowByteIsWidenedAgainstTheHighestCounterAccepted() {
        ReplayWindow window = new ReplayWindow();
        for (int counter = 0; counter < 300; counter++) {
            assertTrue(window.acceptLowByte(counter & 0xff), "counter " + counter + " in order");
        }
        assertFalse(window.acceptLowByte(299 & 0xff), "299 again");
        assertFalse(window.acceptLowByte(290 & 0xff), "290 again, within the window");
        assertFalse(window.acceptLowByte(200 & 0xff), "200: older than the window");
        assertTrue(window.acceptLowByte(302 & 0xff), "302 ahead of 300 and 301");
        assertTrue(window.acceptLowByte(300 & 0xff), "300, late but new");
        assertFalse(window.acceptLowByte(302 & 0xff));
    }
}
