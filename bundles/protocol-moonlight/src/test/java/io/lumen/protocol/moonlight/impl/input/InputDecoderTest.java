package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.GamepadButton;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.HapticsRequest;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.KeyModifier;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.api.input.TextInput;
import io.lumen.testkit.moonlight.ClientInput;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyboard, mouse, text and the captured packets of PROTOCOL-DETAIL.md 11.2, every field checked. */
class InputDecoderTest {

    private static final String SESSION = "3";

    /** The plaintext of a real control message: LE16 type, LE16 length, then the input packet. */
    private static Framed controlMessage(String hex) {
        byte[] message = HexFormat.of().parseHex(hex);
        int type = (message[0] & 0xFF) | (message[1] & 0xFF) << 8;
        int length = (message[2] & 0xFF) | (message[3] & 0xFF) << 8;
        assertEquals(0x0206, type);
        assertEquals(message.length - 4, length, "the control message's length covers the input packet");
        return new Framed(message, 4, length);
    }

    private record Framed(byte[] message, int offset, int length) {
    }

    @Test
    void capturedAbsoluteMouse() throws Exception {
        Framed input = controlMessage("060212000000000E05000000033400C00000059F0329");
        assertEquals(new MousePosition(SESSION, 820, 192, 1440, 810),
                InputDecoder.decode(SESSION, input.message(), input.offset(), input.length()));
    }

    @Test
    void capturedJoypadWithAPressed() throws Exception {
        Framed input = controlMessage(
                "060222000000001E0C0000001A000000010014000010000000000000000000009C0000005500");
        GamepadState pad = (GamepadState) InputDecoder.decode(SESSION, input.message(), input.offset(), input.length());
        assertEquals(new GamepadState(SESSION, 0, 0x1, 0x1000, 0, 0, 0, 0, 0, 0), pad);
        assertTrue(pad.pressed(GamepadButton.A));
        assertFalse(pad.pressed(GamepadButton.B));
        assertTrue(pad.connected());
    }

    @Test
    void keyDownAsClientsSendIt() throws Exception {
        byte[] packet = ClientInput.key(0x41, true, 0x01 | 0x02, false);
        KeyChange key = (KeyChange) InputDecoder.decode(SESSION, packet);
        assertEquals(new KeyChange(SESSION, 0x41, true, 0x03, false), key);
        assertTrue(key.has(KeyModifier.SHIFT));
        assertTrue(key.has(KeyModifier.CTRL));
        assertFalse(key.has(KeyModifier.ALT));
        assertFalse(key.has(KeyModifier.META));
    }

    @Test
    void keyUpNotNormalized() throws Exception {
        KeyChange key = (KeyChange) InputDecoder.decode(SESSION, ClientInput.key(0xDC, false, 0x08, true));
        assertEquals(new KeyChange(SESSION, 0xDC, false, 0x08, true), key);
        assertTrue(key.has(KeyModifier.META));
        byte[] withoutPrefix = ClientInput.fields(0x04).u8(0x01).le16(0x00DC).u8(0x08).le16(0).packet();
        assertEquals(key, InputDecoder.decode(SESSION, withoutPrefix), "the key code's high byte is not the key");
    }

    @Test
    void relativeMouseIsBigEndianAndSigned() throws Exception {
        assertEquals(new MouseMove(SESSION, -5, 300),
                InputDecoder.decode(SESSION, ClientInput.mouseMove(-5, 300)));
        assertEquals(new MouseMove(SESSION, Short.MIN_VALUE, Short.MAX_VALUE),
                InputDecoder.decode(SESSION, ClientInput.mouseMove(Short.MIN_VALUE, Short.MAX_VALUE)));
    }

    @Test
    void absoluteMouseIsClampedToItsReferenceArea() throws Exception {
        byte[] outside = ClientInput.mousePosition(2500, -20, 1920, 1080);
        assertEquals(new MousePosition(SESSION, 1919, 0, 1920, 1080), InputDecoder.decode(SESSION, outside));
        byte[] corner = ClientInput.mousePosition(0, 1079, 1920, 1080);
        assertEquals(new MousePosition(SESSION, 0, 1079, 1920, 1080), InputDecoder.decode(SESSION, corner));
    }

    @Test
    void everyMouseButtonDownAndUp() throws Exception {
        MouseButton[] buttons = {MouseButton.LEFT, MouseButton.MIDDLE, MouseButton.RIGHT, MouseButton.X1, MouseButton.X2};
        for (int code = 1; code <= 5; code++) {
            assertEquals(new MouseButtonChange(SESSION, buttons[code - 1], true),
                    InputDecoder.decode(SESSION, ClientInput.fields(0x08).u8(code).packet()));
            assertEquals(new MouseButtonChange(SESSION, buttons[code - 1], false),
                    InputDecoder.decode(SESSION, ClientInput.fields(0x09).u8(code).packet()));
        }
        for (MouseButton button : buttons) {
            assertEquals(new MouseButtonChange(SESSION, button, true),
                    InputDecoder.decode(SESSION, ClientInput.mouseButton(button, true)));
        }
    }

    @Test
    void scrollBothWays() throws Exception {
        assertEquals(new Scroll(SESSION, ScrollAxis.VERTICAL, -120),
                InputDecoder.decode(SESSION, ClientInput.scroll(-120)));
        assertEquals(new Scroll(SESSION, ScrollAxis.VERTICAL, 15),
                InputDecoder.decode(SESSION, ClientInput.scroll(15)));
        assertEquals(new Scroll(SESSION, ScrollAxis.HORIZONTAL, 240),
                InputDecoder.decode(SESSION, ClientInput.horizontalScroll(240)));
        assertEquals(new Scroll(SESSION, ScrollAxis.HORIZONTAL, -1),
                InputDecoder.decode(SESSION, ClientInput.horizontalScroll(-1)));
    }

    @Test
    void textOfOneCodePointAndOfAFullBuffer() throws Exception {
        String text = "aé€😀";
        List<byte[]> packets = ClientInput.text(text);
        assertEquals(4, packets.size(), "the client sends a packet per code point");
        StringBuilder typed = new StringBuilder();
        for (byte[] packet : packets) {
            typed.append(((TextInput) InputDecoder.decode(SESSION, packet)).text());
        }
        assertEquals(text, typed.toString());
        // moonlight-common-c never fills the buffer, but the layout holds 32 bytes
        String full = "x".repeat(32);
        assertEquals(new TextInput(SESSION, full),
                InputDecoder.decode(SESSION, ClientInput.fields(0x17).bytes(full.getBytes(StandardCharsets.UTF_8)).packet()));
    }

    @Test
    void hapticsRequestSentAtStreamStart() throws Exception {
        assertEquals(new HapticsRequest(SESSION, true),
                InputDecoder.decode(SESSION, ClientInput.enableHaptics()));
        assertEquals(new HapticsRequest(SESSION, false),
                InputDecoder.decode(SESSION, ClientInput.fields(0x0D).le16(0).packet()));
    }

    @Test
    void onlyTheGivenRangeIsRead() throws Exception {
        byte[] packet = ClientInput.mouseMove(1, 2);
        byte[] framed = new byte[packet.length + 7];
        Arrays.fill(framed, (byte) 0x5A);
        System.arraycopy(packet, 0, framed, 4, packet.length);
        assertEquals(new MouseMove(SESSION, 1, 2), InputDecoder.decode(SESSION, framed, 4, packet.length));
    }
}
