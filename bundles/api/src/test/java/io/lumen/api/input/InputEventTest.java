package io.lumen.api.input;

import org.junit.jupiter.api.Test;

import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The event records keep the ranges their javadoc promises, and the flag enums name distinct single bits. */
class InputEventTest {

    @Test
    void flagsAreDistinctSingleBits() {
        assertDistinctBits(GamepadButton.values(), GamepadButton::flag, 0x3F_F7FF);
        assertDistinctBits(GamepadCapability.values(), GamepadCapability::flag, 0x1FF);
        assertDistinctBits(KeyModifier.values(), KeyModifier::flag, 0xF);
        assertDistinctBits(PenButton.values(), PenButton::flag, 0x7);
    }

    private static <E> void assertDistinctBits(E[] values, ToIntFunction<E> flag, int union) {
        int seen = 0;
        for (E value : values) {
            int bit = flag.applyAsInt(value);
            assertEquals(1, Integer.bitCount(bit), value + " is one bit");
            assertEquals(0, seen & bit, value + " is not shared");
            seen |= bit;
        }
        assertEquals(union, seen);
    }

    @Test
    void rangesAreEnforced() {
        assertThrows(NullPointerException.class, () -> new MouseMove(null, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new KeyChange("1", 256, true, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new MousePosition("1", 1440, 0, 1440, 810));
        assertThrows(IllegalArgumentException.class, () -> new MousePosition("1", 0, 0, 1, 810));
        assertThrows(IllegalArgumentException.class, () -> new Scroll("1", ScrollAxis.VERTICAL, 40_000));
        assertThrows(IllegalArgumentException.class, () -> new TextInput("1", ""));
        assertThrows(IllegalArgumentException.class, () -> new TextInput("1", "€".repeat(11)));
        assertThrows(IllegalArgumentException.class, () -> new GamepadState("1", 16, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new GamepadState("1", 0, 0, 0, 256, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Touch("1", TouchAction.DOWN, 0, Float.NaN, 0f, 0f, 0f, 0f, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Touch("1", TouchAction.DOWN, 1L << 32, 0f, 0f, 0f, 0f, 0f, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Pen("1", TouchAction.DOWN, PenTool.PEN, 0, 0f, 0f, 0f, 0f, 0f, 360, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new GamepadMotion("1", 0, MotionSensor.GYROSCOPE, Float.POSITIVE_INFINITY, 0f, 0f));
        assertThrows(IllegalArgumentException.class, () -> new GamepadBattery("1", 0, BatteryState.FULL, 101));
        assertDoesNotThrow(() -> new TextInput("1", "😀".repeat(8)));
        assertDoesNotThrow(() -> new MousePosition("1", 32767, 0, 32768, 2));
    }

    @Test
    void connectedReadsThePadsOwnBit() {
        assertEquals(true, new GamepadState("1", 15, 0x8000, 0, 0, 0, 0, 0, 0, 0).connected());
        assertEquals(false, new GamepadState("1", 14, 0x8000, 0, 0, 0, 0, 0, 0, 0).connected());
    }
}
