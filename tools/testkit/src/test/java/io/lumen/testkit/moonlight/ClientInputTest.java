package io.lumen.testkit.moonlight;

import io.lumen.api.input.BatteryState;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.PenTool;
import io.lumen.api.input.TouchAction;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every builder's bytes, written out by hand from moonlight-common-c's Input.h structs (and, for the pad and the
 * absolute mouse, the real client packets of PROTOCOL-DETAIL.md 11.2).
 */
class ClientInputTest {

    private static String hex(byte[] packet) {
        return HexFormat.of().withUpperCase().formatHex(packet);
    }

    private static void assertBytes(String expected, byte[] packet) {
        assertEquals(expected.replace(" ", ""), hex(packet));
    }

    @Test
    void theCapturedPadPacket() {
        // a real client's payload: pad 0 of mask 1 with A held
        assertBytes("0000001E0C0000001A000000010014000010000000000000000000009C0000005500",
                ClientInput.gamepad(0, 1, 0x1000, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void theCapturedAbsoluteMousePacket() {
        // a real client's payload: (820, 192) of 1440x810, sent as 1439 and 809
        assertBytes("0000000E05000000033400C00000059F0329", ClientInput.mousePosition(820, 192, 1440, 810));
    }

    @Test
    void keys() {
        assertBytes("0000000A 03000000 00 4180 03 0000", ClientInput.key(0x41, true, 0x03, false));
        assertBytes("0000000A 04000000 01 DC80 08 0000", ClientInput.key(0xDC, false, 0x08, true));
    }

    @Test
    void mouse() {
        assertBytes("00000008 07000000 FFFB 012C", ClientInput.mouseMove(-5, 300));
        assertBytes("00000008 07000000 8000 7FFF", ClientInput.mouseMove(Short.MIN_VALUE, Short.MAX_VALUE));
        assertBytes("00000005 08000000 01", ClientInput.mouseButton(MouseButton.LEFT, true));
        assertBytes("00000005 09000000 02", ClientInput.mouseButton(MouseButton.MIDDLE, false));
        assertBytes("00000005 08000000 03", ClientInput.mouseButton(MouseButton.RIGHT, true));
        assertBytes("00000005 08000000 04", ClientInput.mouseButton(MouseButton.X1, true));
        assertBytes("00000005 09000000 05", ClientInput.mouseButton(MouseButton.X2, false));
        assertBytes("0000000A 0A000000 FF88 FF88 0000", ClientInput.scroll(-120));
        assertBytes("00000006 01000055 00F0", ClientInput.horizontalScroll(240));
    }

    @Test
    void textGoesOneCodePointAPacket() {
        List<byte[]> packets = ClientInput.text("a€😀");
        assertEquals(3, packets.size());
        assertBytes("00000005 17000000 61", packets.get(0));
        assertBytes("00000007 17000000 E282AC", packets.get(1));
        assertBytes("00000008 17000000 F09F9880", packets.get(2));
    }

    @Test
    void pads() {
        assertBytes("0000001E 0C000000 1A00 0300 0900 1400 0010 0AFF 0080 FF7F 6400 9CFF 9C00 1F00 5500",
                ClientInput.gamepad(3, 0b1001, 0x1F_1000, 10, 255, -32768, 32767, 100, -100));
        // two touchpads: the client adds the single-touchpad bit
        assertBytes("0000000C 04000055 02 02 2801 FFF71000",
                ClientInput.gamepadArrival(2, GamepadType.PLAYSTATION, 0x120, 0x10_F7FF));
        assertBytes("00000018 05000055 01 02 00 01 07000000 0000803E 0000003F 0000403F",
                ClientInput.gamepadTouchpad(1, TouchAction.UP, 1, 7, 0.25f, 0.5f, 0.75f));
        assertBytes("00000014 06000055 0F 01 0000 00000000 0000803F 000000C0",
                ClientInput.gamepadMotion(15, MotionSensor.ACCELEROMETER, 0f, 1f, -2f));
        assertBytes("00000008 07000055 04 03 50 00", ClientInput.gamepadBattery(4, BatteryState.CHARGING, 80));
        assertBytes("00000008 07000055 00 05 FF 00",
                ClientInput.gamepadBattery(0, BatteryState.FULL, ClientInput.UNKNOWN_PERCENT));
        assertBytes("00000006 0D000000 0100", ClientInput.enableHaptics());
    }

    @Test
    void touchAndPen() {
        assertBytes("00000020 02000055 01 00 5A00 FEFFFFFF 0000803E 0000403F 0000003F CDCCCC3D CDCC4C3D",
                ClientInput.touch(TouchAction.DOWN, 0xFFFF_FFFEL, 0.25f, 0.75f, 0.5f, 0.1f, 0.05f, 90));
        assertBytes("00000020 03000055 03 02 03 00 0000003F 0000803E 0000803F 0E01 2D 00 00000000 00000000",
                ClientInput.pen(TouchAction.MOVE, PenTool.ERASER, 3, 0.5f, 0.25f, 1f, 0f, 0f, 270, 45));
        assertBytes("00000020 03000055 00 00 00 00 00000000 00000000 00000000 FFFF FF 00 00000000 00000000",
                ClientInput.pen(TouchAction.HOVER, PenTool.UNKNOWN, 0, 0f, 0f, 0f, 0f, 0f,
                        ClientInput.UNKNOWN_ROTATION, ClientInput.UNKNOWN_TILT));
    }

    @Test
    void theClientsCodeTables() {
        // LI_TOUCH_EVENT_*, LI_BATTERY_STATE_*, LI_CTYPE_*, LI_TOOL_TYPE_* of moonlight-common-c's Limelight.h
        TouchAction[] actions = {TouchAction.HOVER, TouchAction.DOWN, TouchAction.UP, TouchAction.MOVE,
                TouchAction.CANCEL, TouchAction.BUTTON_ONLY, TouchAction.HOVER_LEAVE, TouchAction.CANCEL_ALL};
        for (int code = 0; code < actions.length; code++) {
            assertEquals(code, ClientInput.touch(actions[code], 0, 0f, 0f, 0f, 0f, 0f, 0)[8], actions[code].name());
        }
        BatteryState[] states = {BatteryState.UNKNOWN, BatteryState.NOT_PRESENT, BatteryState.DISCHARGING,
                BatteryState.CHARGING, BatteryState.NOT_CHARGING, BatteryState.FULL};
        for (int code = 0; code < states.length; code++) {
            assertEquals(code, ClientInput.gamepadBattery(0, states[code], 0)[9], states[code].name());
        }
        GamepadType[] types = {GamepadType.UNKNOWN, GamepadType.XBOX, GamepadType.PLAYSTATION, GamepadType.NINTENDO,
                GamepadType.STEAM};
        for (int code = 0; code < types.length; code++) {
            assertEquals(code, ClientInput.gamepadArrival(0, types[code], 0, 0)[9], types[code].name());
        }
        assertEquals(1, ClientInput.pen(TouchAction.DOWN, PenTool.PEN, 0, 0f, 0f, 0f, 0f, 0f, 0, 0)[9]);
        assertEquals(2, ClientInput.gamepadMotion(0, MotionSensor.GYROSCOPE, 0f, 0f, 0f)[9]);
    }

    @Test
    void eachKindGoesOnTheClientsChannelForIt() {
        assertEquals(0x02, ClientInput.channel(ClientInput.key(0x41, true, 0, false)));
        assertEquals(0x03, ClientInput.channel(ClientInput.mouseMove(1, 1)));
        assertEquals(0x03, ClientInput.channel(ClientInput.mousePosition(1, 1, 10, 10)));
        assertEquals(0x03, ClientInput.channel(ClientInput.mouseButton(MouseButton.LEFT, true)));
        assertEquals(0x03, ClientInput.channel(ClientInput.scroll(120)));
        assertEquals(0x03, ClientInput.channel(ClientInput.horizontalScroll(120)));
        assertEquals(0x04, ClientInput.channel(ClientInput.pen(TouchAction.DOWN, PenTool.PEN, 0, 0f, 0f, 0f, 0f, 0f,
                0, 0)));
        assertEquals(0x05, ClientInput.channel(ClientInput.touch(TouchAction.DOWN, 1, 0f, 0f, 0f, 0f, 0f, 0)));
        assertEquals(0x06, ClientInput.channel(ClientInput.text("x").getFirst()));
        assertEquals(0x15, ClientInput.channel(ClientInput.gamepad(5, 0x20, 0, 0, 0, 0, 0, 0, 0)));
        assertEquals(0x13, ClientInput.channel(ClientInput.gamepadArrival(3, GamepadType.XBOX, 0, 0)));
        assertEquals(0x1F, ClientInput.channel(ClientInput.gamepadBattery(15, BatteryState.FULL, 100)));
        assertEquals(0x11, ClientInput.channel(ClientInput.gamepadTouchpad(1, TouchAction.DOWN, 0, 0, 0f, 0f, 0f)));
        assertEquals(0x22, ClientInput.channel(ClientInput.gamepadMotion(2, MotionSensor.GYROSCOPE, 0f, 0f, 0f)));
        assertEquals(0x00, ClientInput.channel(ClientInput.enableHaptics()));
        assertEquals(0x00, ClientInput.channel(new byte[3]));
    }

    @Test
    void whatNoClientSendsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClientInput.key(0x100, true, 0, false));
        assertThrows(IllegalArgumentException.class, () -> ClientInput.key(0x41, true, 0x100, false));
        assertThrows(IllegalArgumentException.class, () -> ClientInput.mouseMove(40_000, 0));
        assertThrows(IllegalArgumentException.class, () -> ClientInput.mousePosition(0, 0, 1 << 15, 10));
        assertThrows(IllegalArgumentException.class, () -> ClientInput.gamepad(16, 1, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ClientInput.gamepad(0, 1, 0x40_0000, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ClientInput.gamepad(0, 1, 0, 256, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ClientInput.gamepadBattery(0, BatteryState.FULL, 101));
        assertThrows(IllegalArgumentException.class,
                () -> ClientInput.touch(TouchAction.DOWN, -1, 0f, 0f, 0f, 0f, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> ClientInput.text(""));
    }

    @Test
    void fieldsWriteAnything() {
        ClientInput.Fields move = ClientInput.fields(0x07).be16(1).le16(2);
        assertBytes("00000008 07000000 0001 0200", move.packet());
        assertBytes("FFFFFFFF 07000000 0001 0200", move.packetDeclaring(-1));
        assertBytes("00000010 0E000000 00 00 00 FF 01000000 0000803F",
                ClientInput.fields(0x0E).zeros(3).u8(0xFF).le32(1).leFloat(1f).packet());
    }
}
