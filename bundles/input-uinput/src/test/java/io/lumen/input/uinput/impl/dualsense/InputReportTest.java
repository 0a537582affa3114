package io.lumen.input.uinput.impl.dualsense;

import io.lumen.api.input.BatteryState;
import io.lumen.api.input.GamepadBattery;
import io.lumen.api.input.GamepadButton;
import io.lumen.api.input.GamepadMotion;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadTouchpad;
import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.TouchAction;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 64 bytes of input report 0x01 for known states, read back at the offsets hid-playstation reads. */
class InputReportTest {

    private final InputReport report = new InputReport();

    private static GamepadState state(int buttons, int lt, int rt, int lx, int ly, int rx, int ry) {
        return new GamepadState("s1", 0, 1, buttons, lt, rt, lx, ly, rx, ry);
    }

    private static int u8(byte[] bytes, int at) {
        return Byte.toUnsignedInt(bytes[at]);
    }

    private static short s16(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(at);
    }

    @Test
    void atRestTheReportIsCentredWithNoFingersAndAFullBattery() {
        byte[] bytes = report.next(0);
        assertEquals(64, bytes.length);
        assertEquals(0x01, bytes[0]);
        for (int at = 1; at <= 4; at++) {
            assertEquals(0x80, u8(bytes, at), "stick byte " + at);
        }
        assertEquals(0, bytes[5]);
        assertEquals(0, bytes[6]);
        assertEquals(8, u8(bytes, 8), "hat centred, no face button");
        assertEquals(0x80, u8(bytes, 33) & 0x80, "touch 0 inactive");
        assertEquals(0x80, u8(bytes, 37) & 0x80, "touch 1 inactive");
        assertEquals(8192, s16(bytes, 24), "1 g along y at rest");
        assertEquals(0x2A, u8(bytes, 53), "full, 10 tenths");
    }

    @Test
    void buttonsGoToTheirBits() {
        report.apply(state(GamepadButton.A.flag() | GamepadButton.Y.flag(), 0, 0, 0, 0, 0, 0));
        byte[] bytes = report.next(0);
        assertEquals(0x20 | 0x80 | 8, u8(bytes, 8), "cross and triangle, hat centred");
        report.apply(state(GamepadButton.LEFT_SHOULDER.flag() | GamepadButton.START.flag()
                | GamepadButton.RIGHT_STICK.flag() | GamepadButton.GUIDE.flag() | GamepadButton.TOUCHPAD.flag()
                | GamepadButton.MISC.flag() | GamepadButton.DPAD_UP.flag() | GamepadButton.DPAD_RIGHT.flag(),
                0, 0, 0, 0, 0, 0));
        bytes = report.next(0);
        assertEquals(1, u8(bytes, 8), "hat north-east");
        assertEquals(0x01 | 0x20 | 0x80, u8(bytes, 9), "L1, options, R3");
        assertEquals(0x01 | 0x02 | 0x04, u8(bytes, 10), "PS, touchpad click, mute");
    }

    @Test
    void sticksAreEightBitsWithYDownAndTriggersAlsoPressTheirButtons() {
        report.apply(state(0, 200, 0, Short.MAX_VALUE, Short.MAX_VALUE, Short.MIN_VALUE, Short.MIN_VALUE));
        byte[] bytes = report.next(0);
        assertEquals(255, u8(bytes, 1), "left stick full right");
        assertEquals(0, u8(bytes, 2), "left stick full up is 0 (down-positive)");
        assertEquals(0, u8(bytes, 3), "right stick full left");
        assertEquals(255, u8(bytes, 4), "right stick full down");
        assertEquals(200, u8(bytes, 5));
        assertEquals(0, u8(bytes, 6));
        assertEquals(0x04, u8(bytes, 9), "L2 pressed, R2 not");
    }

    @Test
    void dpadDirectionsBecomeTheHatAndOppositesCancel() {
        assertEquals(0, InputReport.hat(true, false, false, false));
        assertEquals(3, InputReport.hat(false, true, true, false));
        assertEquals(6, InputReport.hat(false, false, false, true));
        assertEquals(7, InputReport.hat(true, false, false, true));
        assertEquals(8, InputReport.hat(true, false, true, false));
    }

    @Test
    void touchesTakeSlotsWithFreshContactsAndTwelveBitCoordinates() {
        assertTrue(report.touch(new GamepadTouchpad("s1", 0, 0, TouchAction.DOWN, 42, 0.5f, 0.25f, 1)));
        byte[] bytes = report.next(0);
        assertEquals(0x00, u8(bytes, 33), "active, contact 0");
        assertEquals(960, u8(bytes, 34) | (u8(bytes, 35) & 0x0F) << 8, "x of 0..1919");
        assertEquals(270, (u8(bytes, 35) >> 4) | u8(bytes, 36) << 4, "y of 0..1079");

        assertTrue(report.touch(new GamepadTouchpad("s1", 0, 0, TouchAction.DOWN, 7, 1, 1, 1)));
        assertFalse(report.touch(new GamepadTouchpad("s1", 0, 0, TouchAction.DOWN, 8, 0, 0, 1)), "a third finger");
        assertFalse(report.touch(new GamepadTouchpad("s1", 0, 1, TouchAction.DOWN, 9, 0, 0, 1)), "touchpad 1");
        bytes = report.next(0);
        assertEquals(0x01, u8(bytes, 37), "second finger, contact 1");
        assertEquals(1919, u8(bytes, 38) | (u8(bytes, 39) & 0x0F) << 8);
        assertEquals(1079, (u8(bytes, 39) >> 4) | u8(bytes, 40) << 4);

        assertTrue(report.touch(new GamepadTouchpad("s1", 0, 0, TouchAction.UP, 42, 0, 0, 0)));
        assertTrue(report.touch(new GamepadTouchpad("s1", 0, 0, TouchAction.DOWN, 5, 0, 0, 1)));
        bytes = report.next(0);
        assertEquals(0x02, u8(bytes, 33), "the freed slot, a new contact the driver sees as a new touch");
        assertTrue(report.touch(new GamepadTouchpad("s1", 0, 0, TouchAction.CANCEL_ALL, 0, 0, 0, 0)));
        bytes = report.next(0);
        assertEquals(0x82, u8(bytes, 33));
        assertEquals(0x81, u8(bytes, 37));
    }

    @Test
    void motionIsInTheUnitsTheCalibrationPromises() {
        report.motion(new GamepadMotion("s1", 0, MotionSensor.ACCELEROMETER, 0, -9.80665f, 4.903325f));
        report.motion(new GamepadMotion("s1", 0, MotionSensor.GYROSCOPE, 1, -2, 10_000));
        byte[] bytes = report.next(0);
        assertEquals(0, s16(bytes, 22));
        assertEquals(-8192, s16(bytes, 24), "-1 g");
        assertEquals(4096, s16(bytes, 26), "half a g");
        assertEquals(16, s16(bytes, 16), "1 deg/s");
        assertEquals(-32, s16(bytes, 18));
        assertEquals(Short.MAX_VALUE, s16(bytes, 20), "beyond the range it clamps");
    }

    @Test
    void batteryStateAndTenthsShareTheStatusByte() {
        report.battery(new GamepadBattery("s1", 0, BatteryState.CHARGING, 57));
        assertEquals(0x15, u8(report.next(0), 53));
        report.battery(new GamepadBattery("s1", 0, BatteryState.DISCHARGING, GamepadBattery.UNKNOWN_PERCENT));
        assertEquals(0x05, u8(report.next(0), 53), "an unknown percentage keeps the last");
        report.battery(new GamepadBattery("s1", 0, BatteryState.FULL, 90));
        assertEquals(0x2A, u8(report.next(0), 53));
        report.battery(new GamepadBattery("s1", 0, BatteryState.NOT_CHARGING, 100));
        assertEquals(0xAA, u8(report.next(0), 53));
    }

    @Test
    void eachReportCountsUpAndCarriesTheSensorClockInThirdsOfAMicrosecond() {
        byte[] first = report.next(1_000);
        byte[] second = report.next(5_000);
        assertEquals(1, u8(second, 7) - u8(first, 7));
        ByteBuffer b = ByteBuffer.wrap(second).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(15_000, b.getInt(28));
    }

    @Test
    void restLetsGoOfEverything() {
        report.apply(state(GamepadButton.B.flag(), 255, 255, 1000, 1000, 1000, 1000));
        report.touch(new GamepadTouchpad("s1", 0, 0, TouchAction.DOWN, 1, 0.5f, 0.5f, 1));
        report.rest();
        byte[] bytes = report.next(0);
        assertEquals(8, u8(bytes, 8));
        assertEquals(0, u8(bytes, 9));
        assertEquals(0, u8(bytes, 5));
        assertEquals(0x80, u8(bytes, 1));
        assertEquals(0x80, u8(bytes, 33) & 0x80);
    }
}
