package io.lumen.input.x11.impl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PointerMappingTest {

    @Test
    void bothEdgesAreReachable() {
        assertEquals(0, PointerMapping.scale(0, 1000, 1280));
        assertEquals(1279, PointerMapping.scale(999, 1000, 1280));
        assertEquals(0, PointerMapping.scale(0, 2, 720));
        assertEquals(719, PointerMapping.scale(1, 2, 720));
    }

    @Test
    void theMiddleLandsInTheMiddleRounded() {
        assertEquals(640, PointerMapping.scale(500, 1000, 1280), "500 * 1279 / 999 = 640.14");
        assertEquals(360, PointerMapping.scale(250, 500, 720), "250 * 719 / 499 = 360.2");
        assertEquals(3, PointerMapping.scale(1, 3, 6), "1 * 5 / 2 = 2.5 rounds up");
    }

    @Test
    void aSameSizedViewMapsOneToOne() {
        for (int x = 0; x < 1920; x += 7) {
            assertEquals(x, PointerMapping.scale(x, 1920, 1920));
        }
    }

    @Test
    void theLargestReferenceDoesNotOverflow() {
        assertEquals(65534, PointerMapping.scale(32767, 32768, 65535));
        assertThrows(IllegalArgumentException.class, () -> PointerMapping.scale(0, 1, 100));
    }
}
