package io.lumen.input.x11.impl;

import io.lumen.input.x11.impl.xlib.KeyboardMapping;
import io.lumen.input.x11.impl.xlib.KeyboardMapping.Placement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading a core keyboard mapping: where a keysym is typed, which keycodes are empty. */
class KeyboardMappingTest {

    /** Keycodes 8..12 in rows of 3: empty; [1 !]; [a A]; [! _ x] (a third symbol is not a level one presses to); empty. */
    private static final KeyboardMapping MAPPING = new KeyboardMapping(8, 3, new long[] {
            0, 0, 0,
            '1', '!', 0,
            'a', 'A', 0,
            '!', '_', 'x',
            0, 0, 0});

    @Test
    void anUnshiftedPlacementWinsOverAShiftedOneOnALowerKeycode() {
        assertEquals(Optional.of(new Placement(11, false)), MAPPING.find('!'));
        assertEquals(Optional.of(new Placement(10, true)), MAPPING.find('A'));
        assertEquals(Optional.of(new Placement(11, true)), MAPPING.find('_'));
        assertEquals(Optional.empty(), MAPPING.find('x'), "only the first group's two levels");
    }

    @Test
    void emptyKeycodesComeHighestFirst() {
        assertEquals(List.of(12, 8), MAPPING.emptyKeycodes());
        assertEquals(12, MAPPING.maxKeycode());
        assertEquals(0, MAPPING.keysym(13, 0), "outside the mapping");
    }
}
