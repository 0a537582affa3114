package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.BatteryState;
import io.lumen.api.input.GamepadArrival;
import io.lumen.api.input.GamepadBattery;
import io.lumen.api.input.GamepadButton;
import io.lumen.api.input.GamepadCapability;
import io.lumen.api.input.GamepadMotion;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadTouchpad;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.TouchAction;
import io.lumen.testkit.moonlight.ClientInput;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multi-controller packet and Sunshine's pad extensions, every field checked. */
class InputDecoderGamepadTest {

    private static final String SESSION = "7";

    @Test
    void everyFieldOfAPadState() throws Exception {
        int buttons = 0x1000 | 0x8000 | 0x0200 | 0x0001 | 0x01_0000 | 0x10_0000;
        byte[] packet = ClientInput.gamepad(3, 0b1001, buttons, 10, 255, -32768, 32767, 100, -100);
        GamepadState pad = (GamepadState) InputDecoder.decode(SESSION, packet);
        assertEquals(new GamepadState(SESSION, 3, 0b1001, buttons, 10, 255, -32768, 32767, 100, -100), pad);
        for (GamepadButton held : new GamepadButton[] {GamepadButton.A, GamepadButton.Y, GamepadButton.RIGHT_SHOULDER,
                GamepadButton.DPAD_UP, GamepadButton.PADDLE1, GamepadButton.TOUCHPAD}) {
            assertTrue(pad.pressed(held), held.name());
        }
        assertFalse(pad.pressed(GamepadButton.MISC));
        assertFalse(pad.pressed(GamepadButton.GUIDE));
        assertTrue(pad.connected());
    }

    @Test
    void theHighButtonBitsAndAFullMask() throws Exception {
        byte[] packet = ClientInput.gamepad(15, 0xFFFF, 0x3F_FFFF, 0, 0, 0, 0, 0, 0);
        GamepadState pad = (GamepadState) InputDecoder.decode(SESSION, packet);
        assertEquals(15, pad.controllerNumber());
        assertEquals(0xFFFF, pad.activeControllers());
        assertEquals(0x3F_FFFF, pad.buttons());
        for (GamepadButton button : GamepadButton.values()) {
            assertTrue(pad.pressed(button), button.name());
        }
    }

    @Test
    void aPadLeavingClearsItsBit() throws Exception {
        GamepadState pad = (GamepadState) InputDecoder.decode(SESSION, ClientInput.gamepad(1, 0b0001, 0, 0, 0, 0, 0, 0, 0));
        assertFalse(pad.connected());
    }

    @Test
    void theConstantFieldsAreNotChecked() throws Exception {
        byte[] packet = ClientInput.fields(0x0C).le16(0).le16(0).le16(1).le16(0).le16(0x2000).u8(0).u8(0)
                .zeros(8).le16(0).le16(0).le16(0).packet();
        assertEquals(new GamepadState(SESSION, 0, 1, 0x2000, 0, 0, 0, 0, 0, 0), InputDecoder.decode(SESSION, packet));
    }

    @Test
    void arrivalOfAPlayStationPad() throws Exception {
        byte[] packet = ClientInput.gamepadArrival(2, GamepadType.PLAYSTATION,
                0x01 | 0x02 | 0x08 | 0x10 | 0x20 | 0x40 | 0x80, 0x10_FFFF & ~0x0800);
        GamepadArrival arrival = (GamepadArrival) InputDecoder.decode(SESSION, packet);
        assertEquals(new GamepadArrival(SESSION, 2, GamepadType.PLAYSTATION, 0xFB, 0x10_F7FF), arrival);
        assertTrue(arrival.has(GamepadCapability.TOUCHPAD));
        assertTrue(arrival.has(GamepadCapability.GYROSCOPE));
        assertFalse(arrival.has(GamepadCapability.TRIGGER_RUMBLE));
        assertFalse(arrival.has(GamepadCapability.DUAL_TOUCHPAD));
        assertTrue(arrival.supports(GamepadButton.TOUCHPAD));
        assertFalse(arrival.supports(GamepadButton.PADDLE1));
    }

    @Test
    void everyPadTypeAndAnUnknownOne() throws Exception {
        GamepadType[] types = {GamepadType.UNKNOWN, GamepadType.XBOX, GamepadType.PLAYSTATION, GamepadType.NINTENDO,
                GamepadType.STEAM, GamepadType.UNKNOWN, GamepadType.UNKNOWN};
        int[] codes = {0, 1, 2, 3, 4, 5, 255};
        for (int i = 0; i < codes.length; i++) {
            byte[] packet = ClientInput.fields(0x55000004).u8(0).u8(codes[i]).le16(0x100).le32(0).packet();
            GamepadArrival arrival = (GamepadArrival) InputDecoder.decode(SESSION, packet);
            assertEquals(types[i], arrival.type(), "type " + codes[i]);
            assertTrue(arrival.has(GamepadCapability.DUAL_TOUCHPAD));
        }
    }

    @Test
    void touchpadOfASteamController() throws Exception {
        byte[] packet = ClientInput.gamepadTouchpad(1, TouchAction.UP, 1, 7, 0.25f, 0.5f, 0.75f);
        assertEquals(new GamepadTouchpad(SESSION, 1, 1, TouchAction.UP, 7, 0.25f, 0.5f, 0.75f),
                InputDecoder.decode(SESSION, packet));
    }

    @Test
    void touchpadValuesAreClampedLikeSunshine() throws Exception {
        byte[] packet = ClientInput.gamepadTouchpad(0, TouchAction.MOVE, 0, 0xFFFF_FFFFL, -0.5f, 1.5f, Float.NaN);
        assertEquals(new GamepadTouchpad(SESSION, 0, 0, TouchAction.MOVE, 0xFFFF_FFFFL, 0f, 1f, 0f),
                InputDecoder.decode(SESSION, packet));
    }

    @Test
    void motionOfBothSensors() throws Exception {
        byte[] gyro = ClientInput.gamepadMotion(0, MotionSensor.GYROSCOPE, 1.5f, -2.25f, 360f);
        assertEquals(new GamepadMotion(SESSION, 0, MotionSensor.GYROSCOPE, 1.5f, -2.25f, 360f),
                InputDecoder.decode(SESSION, gyro));
        byte[] accel = ClientInput.gamepadMotion(15, MotionSensor.ACCELEROMETER, 0f, 9.81f, -0.125f);
        assertEquals(new GamepadMotion(SESSION, 15, MotionSensor.ACCELEROMETER, 0f, 9.81f, -0.125f),
                InputDecoder.decode(SESSION, accel));
    }

    @Test
    void batteryStatesAndPercentages() throws Exception {
        assertEquals(new GamepadBattery(SESSION, 4, BatteryState.CHARGING, 80),
                InputDecoder.decode(SESSION, ClientInput.gamepadBattery(4, BatteryState.CHARGING, 80)));
        assertEquals(new GamepadBattery(SESSION, 0, BatteryState.FULL, GamepadBattery.UNKNOWN_PERCENT),
                InputDecoder.decode(SESSION, ClientInput.gamepadBattery(0, BatteryState.FULL,
                        ClientInput.UNKNOWN_PERCENT)));
        assertEquals(new GamepadBattery(SESSION, 0, BatteryState.UNKNOWN, 100),
                InputDecoder.decode(SESSION, ClientInput.fields(0x55000007).u8(0).u8(9).u8(150).u8(0).packet()));
        BatteryState[] states = BatteryState.values();
        for (int code = 0; code < states.length; code++) {
            GamepadBattery battery = (GamepadBattery) InputDecoder.decode(SESSION,
                    ClientInput.fields(0x55000007).u8(0).u8(code).u8(50).u8(0).packet());
            assertEquals(states[code], battery.state(), "state " + code);
        }
    }
}
