package io.lumen.testkit.moonlight;

import io.lumen.api.input.BatteryState;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.PenTool;
import io.lumen.api.input.TouchAction;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Input packets, the payloads of control message 0x0206, laid out as moonlight-common-c's InputStream.c sends
 * them to a Sunshine-compatible host at appversion 7.1.431: {@code BE32 size} (the bytes after it), {@code LE32
 * magic}, then the body, whose fields mix byte orders as the client's packed structs do. Each builder takes what
 * the client's {@code LiSend*} call takes and writes what the client would; {@link #fields(int)} writes anything at
 * all, for packets no client sends.
 * <p>
 * Arguments a client could not send (a pad number past 15, a button no mouse has, a value too wide for its field)
 * are refused with an {@link IllegalArgumentException}, so a test never sends by accident what it did not mean.
 */
public final class ClientInput {

    public static final int KEY_DOWN = 0x03;
    public static final int KEY_UP = 0x04;
    public static final int MOUSE_POSITION = 0x05;
    public static final int MOUSE_MOVE = 0x07;
    public static final int MOUSE_BUTTON_DOWN = 0x08;
    public static final int MOUSE_BUTTON_UP = 0x09;
    public static final int SCROLL = 0x0A;
    public static final int GAMEPAD = 0x0C;
    public static final int ENABLE_HAPTICS = 0x0D;
    public static final int TEXT = 0x17;
    public static final int HORIZONTAL_SCROLL = 0x5500_0001;
    public static final int TOUCH = 0x5500_0002;
    public static final int PEN = 0x5500_0003;
    public static final int GAMEPAD_ARRIVAL = 0x5500_0004;
    public static final int GAMEPAD_TOUCHPAD = 0x5500_0005;
    public static final int GAMEPAD_MOTION = 0x5500_0006;
    public static final int GAMEPAD_BATTERY = 0x5500_0007;

    /** The client's control channels (Limelight-internal.h) that carry input. */
    public static final int CHANNEL_GENERIC = 0x00;
    public static final int CHANNEL_KEYBOARD = 0x02;
    public static final int CHANNEL_MOUSE = 0x03;
    public static final int CHANNEL_PEN = 0x04;
    public static final int CHANNEL_TOUCH = 0x05;
    public static final int CHANNEL_TEXT = 0x06;
    /** Plus the pad's number. */
    public static final int CHANNEL_GAMEPAD = 0x10;
    /** Plus the pad's number: its motion sensors. */
    public static final int CHANNEL_SENSORS = 0x20;

    /** A touch or pen rotation the client does not know. */
    public static final int UNKNOWN_ROTATION = 0xFFFF;
    /** A pen tilt the client does not know. */
    public static final int UNKNOWN_TILT = 0xFF;
    /** A pad battery level the client does not know. */
    public static final int UNKNOWN_PERCENT = 0xFF;
    /** The most UTF-8 bytes one text packet holds. */
    public static final int MAX_TEXT_BYTES = 32;

    private static final int MAX_PADS = 16;
    /** The high byte of every key code: GameStream wanted it, so clients still send it. */
    private static final int KEY_CODE_PREFIX = 0x80;
    private static final int DUAL_TOUCHPAD = 0x100;
    private static final int TOUCHPAD = 0x008;

    private ClientInput() {
    }

    /**
     * A key going down or up: {@code LiSendKeyboardEvent2}.
     *
     * @param modifiers     {@link io.lumen.api.input.KeyModifier} bits
     * @param nonNormalized the client could not map the key to its US-layout position (Sunshine's flag 0x01)
     */
    public static byte[] key(int virtualKey, boolean pressed, int modifiers, boolean nonNormalized) {
        return fields(pressed ? KEY_DOWN : KEY_UP).u8(nonNormalized ? 0x01 : 0)
                .le16(KEY_CODE_PREFIX << 8 | range("virtual key", virtualKey, 0, 0xFF))
                .u8(range("modifiers", modifiers, 0, 0xFF)).le16(0).packet();
    }

    /** A relative mouse move: {@code LiSendMouseMoveEvent}. */
    public static byte[] mouseMove(int dx, int dy) {
        return fields(MOUSE_MOVE).be16(signed16("dx", dx)).be16(signed16("dy", dy)).packet();
    }

    /**
     * The pointer at ({@code x}, {@code y}) of a {@code referenceWidth} x {@code referenceHeight} area:
     * {@code LiSendMousePositionEvent}. The client sends the reference size minus one (GFE's scaling fell a pixel
     * short of the far edge otherwise).
     */
    public static byte[] mousePosition(int x, int y, int referenceWidth, int referenceHeight) {
        return fields(MOUSE_POSITION).be16(signed16("x", x)).be16(signed16("y", y)).be16(0)
                .be16(signed16("reference width", referenceWidth) - 1)
                .be16(signed16("reference height", referenceHeight) - 1).packet();
    }

    /** {@code LiSendMouseButtonEvent}. */
    public static byte[] mouseButton(MouseButton button, boolean pressed) {
        int code = switch (button) {
            case LEFT -> 1;
            case MIDDLE -> 2;
            case RIGHT -> 3;
            case X1 -> 4;
            case X2 -> 5;
        };
        return fields(pressed ? MOUSE_BUTTON_DOWN : MOUSE_BUTTON_UP).u8(code).packet();
    }

    /** A vertical scroll, 120 per wheel notch, positive away from the user: {@code LiSendHighResScrollEvent}. */
    public static byte[] scroll(int amount) {
        int wire = signed16("scroll amount", amount);
        return fields(SCROLL).be16(wire).be16(wire).be16(0).packet();
    }

    /** A horizontal scroll, 120 per notch, positive to the right: {@code LiSendHighResHScrollEvent}. */
    public static byte[] horizontalScroll(int amount) {
        return fields(HORIZONTAL_SCROLL).be16(signed16("scroll amount", amount)).packet();
    }

    /**
     * {@code text} as {@code LiSendUtf8TextEvent} sends it: one packet per code point, so none straddles two
     * packets.
     */
    public static List<byte[]> text(String text) {
        List<byte[]> packets = new ArrayList<>();
        text.codePoints().forEach(codePoint -> packets.add(
                fields(TEXT).bytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)).packet()));
        if (packets.isEmpty()) {
            throw new IllegalArgumentException("no text");
        }
        return packets;
    }

    /**
     * One pad's state: {@code LiSendMultiControllerEvent}.
     *
     * @param activeMask which pads the client has, bit n for pad n; a pad whose bit is clear has gone
     * @param buttons    {@link io.lumen.api.input.GamepadButton} bits; bits 16..21 go in Sunshine's second word
     */
    public static byte[] gamepad(int controller, int activeMask, int buttons, int leftTrigger, int rightTrigger,
                                 int leftStickX, int leftStickY, int rightStickX, int rightStickY) {
        range("buttons", buttons, 0, 0x3F_FFFF);
        return fields(GAMEPAD).le16(0x1A).le16(pad(controller)).le16(range("active mask", activeMask, 0, 0xFFFF))
                .le16(0x14).le16(buttons & 0xFFFF)
                .u8(range("left trigger", leftTrigger, 0, 0xFF)).u8(range("right trigger", rightTrigger, 0, 0xFF))
                .le16(signed16("left stick x", leftStickX)).le16(signed16("left stick y", leftStickY))
                .le16(signed16("right stick x", rightStickX)).le16(signed16("right stick y", rightStickY))
                .le16(0x9C).le16(buttons >>> 16).le16(0x55).packet();
    }

    /**
     * A pad plugged in: {@code LiSendControllerArrivalEvent}. The client adds the touchpad capability to a pad
     * with two.
     *
     * @param capabilities     {@link io.lumen.api.input.GamepadCapability} bits
     * @param supportedButtons {@link io.lumen.api.input.GamepadButton} bits
     */
    public static byte[] gamepadArrival(int controller, GamepadType type, int capabilities, int supportedButtons) {
        int code = switch (type) {
            case UNKNOWN -> 0;
            case XBOX -> 1;
            case PLAYSTATION -> 2;
            case NINTENDO -> 3;
            case STEAM -> 4;
        };
        int caps = range("capabilities", capabilities, 0, 0xFFFF);
        if ((caps & DUAL_TOUCHPAD) != 0) {
            caps |= TOUCHPAD;
        }
        return fields(GAMEPAD_ARRIVAL).u8(pad(controller)).u8(code).le16(caps).le32(supportedButtons).packet();
    }

    /**
     * A finger on the screen: {@code LiSendTouchEvent}. Positions are 0..1 of the stream's area.
     *
     * @param pointerId 0..2^32-1
     * @param rotation  degrees clockwise, or {@link #UNKNOWN_ROTATION}
     */
    public static byte[] touch(TouchAction action, long pointerId, float x, float y, float pressureOrDistance,
                               float contactMajor, float contactMinor, int rotation) {
        return fields(TOUCH).u8(touchAction(action)).u8(0).le16(range("rotation", rotation, 0, 0xFFFF))
                .le32(pointerId(pointerId)).leFloat(x).leFloat(y).leFloat(pressureOrDistance)
                .leFloat(contactMajor).leFloat(contactMinor).packet();
    }

    /**
     * The stylus: {@code LiSendPenEvent}.
     *
     * @param buttons {@link io.lumen.api.input.PenButton} bits
     * @param tilt    0..90 degrees from the screen's normal, or {@link #UNKNOWN_TILT}
     */
    public static byte[] pen(TouchAction action, PenTool tool, int buttons, float x, float y,
                             float pressureOrDistance, float contactMajor, float contactMinor, int rotation,
                             int tilt) {
        int toolCode = switch (tool) {
            case UNKNOWN -> 0;
            case PEN -> 1;
            case ERASER -> 2;
        };
        return fields(PEN).u8(touchAction(action)).u8(toolCode).u8(range("pen buttons", buttons, 0, 0xFF)).u8(0)
                .leFloat(x).leFloat(y).leFloat(pressureOrDistance).le16(range("rotation", rotation, 0, 0xFFFF))
                .u8(range("tilt", tilt, 0, 0xFF)).u8(0).leFloat(contactMajor).leFloat(contactMinor).packet();
    }

    /** A finger on a pad's touchpad: {@code LiSendControllerTouchEvent2}. */
    public static byte[] gamepadTouchpad(int controller, TouchAction action, int touchpad, long pointerId, float x,
                                         float y, float pressure) {
        return fields(GAMEPAD_TOUCHPAD).u8(pad(controller)).u8(touchAction(action)).u8(0)
                .u8(range("touchpad", touchpad, 0, 0xFF)).le32(pointerId(pointerId))
                .leFloat(x).leFloat(y).leFloat(pressure).packet();
    }

    /** A pad's motion sensor reading, m/s² or degrees per second: {@code LiSendControllerMotionEvent}. */
    public static byte[] gamepadMotion(int controller, MotionSensor sensor, float x, float y, float z) {
        int code = switch (sensor) {
            case ACCELEROMETER -> 1;
            case GYROSCOPE -> 2;
        };
        return fields(GAMEPAD_MOTION).u8(pad(controller)).u8(code).zeros(2).leFloat(x).leFloat(y).leFloat(z)
                .packet();
    }

    /**
     * A pad's battery: {@code LiSendControllerBatteryEvent}.
     *
     * @param percent 0..100, or {@link #UNKNOWN_PERCENT}
     */
    public static byte[] gamepadBattery(int controller, BatteryState state, int percent) {
        int code = switch (state) {
            case UNKNOWN -> 0;
            case NOT_PRESENT -> 1;
            case DISCHARGING -> 2;
            case CHARGING -> 3;
            case NOT_CHARGING -> 4;
            case FULL -> 5;
        };
        if (percent != UNKNOWN_PERCENT) {
            range("battery percent", percent, 0, 100);
        }
        return fields(GAMEPAD_BATTERY).u8(pad(controller)).u8(code).u8(percent).u8(0).packet();
    }

    /** What the client sends as the stream starts, so the host sends rumble back. */
    public static byte[] enableHaptics() {
        return fields(ENABLE_HAPTICS).le16(1).packet();
    }

    /**
     * The channel the client sends {@code packet} on: pads each on their own, motion on a pad's sensor channel,
     * the rest by kind.
     */
    public static int channel(byte[] packet) {
        if (packet.length < 8) {
            return CHANNEL_GENERIC;
        }
        int magic = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
        return switch (magic) {
            case KEY_DOWN, KEY_UP -> CHANNEL_KEYBOARD;
            case MOUSE_MOVE, MOUSE_POSITION, MOUSE_BUTTON_DOWN, MOUSE_BUTTON_UP, SCROLL, HORIZONTAL_SCROLL ->
                    CHANNEL_MOUSE;
            case PEN -> CHANNEL_PEN;
            case TOUCH -> CHANNEL_TOUCH;
            case TEXT -> CHANNEL_TEXT;
            case GAMEPAD -> packet.length > 10
                    ? CHANNEL_GAMEPAD + (ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN).getShort(10) & 0xF)
                    : CHANNEL_GAMEPAD;
            case GAMEPAD_ARRIVAL, GAMEPAD_TOUCHPAD, GAMEPAD_BATTERY -> CHANNEL_GAMEPAD + (packet[8] & 0xF);
            case GAMEPAD_MOTION -> CHANNEL_SENSORS + (packet[8] & 0xF);
            default -> CHANNEL_GENERIC;
        };
    }

    /** A packet of {@code magic} with whatever body the test writes, field by field. */
    public static Fields fields(int magic) {
        return new Fields(magic);
    }

    /** An input packet's body, field by field in the byte order each names, then its header around it. */
    public static final class Fields {

        private final int magic;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        private Fields(int magic) {
            this.magic = magic;
        }

        public Fields u8(int value) {
            body.write(value);
            return this;
        }

        public Fields zeros(int count) {
            body.writeBytes(new byte[count]);
            return this;
        }

        public Fields bytes(byte[] bytes) {
            body.writeBytes(bytes);
            return this;
        }

        public Fields le16(int value) {
            return put(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value));
        }

        public Fields be16(int value) {
            return put(ByteBuffer.allocate(2).order(ByteOrder.BIG_ENDIAN).putShort((short) value));
        }

        public Fields le32(int value) {
            return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value));
        }

        /** The client's "netfloat": IEEE-754 single precision, little-endian. */
        public Fields leFloat(float value) {
            return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value));
        }

        /** The packet, its size field telling the truth. */
        public byte[] packet() {
            return packetDeclaring(4 + body.size());
        }

        /** The packet with whatever size field a test wants. */
        public byte[] packetDeclaring(int size) {
            byte[] content = body.toByteArray();
            return ByteBuffer.allocate(8 + content.length)
                    .order(ByteOrder.BIG_ENDIAN).putInt(size)
                    .order(ByteOrder.LITTLE_ENDIAN).putInt(magic)
                    .put(content).array();
        }

        private Fields put(ByteBuffer field) {
            body.writeBytes(field.array());
            return this;
        }
    }

    private static int touchAction(TouchAction action) {
        return switch (action) {
            case HOVER -> 0;
            case DOWN -> 1;
            case UP -> 2;
            case MOVE -> 3;
            case CANCEL -> 4;
            case BUTTON_ONLY -> 5;
            case HOVER_LEAVE -> 6;
            case CANCEL_ALL -> 7;
        };
    }

    private static int pad(int controller) {
        return range("controller number", controller, 0, MAX_PADS - 1);
    }

    private static int pointerId(long pointerId) {
        if (pointerId < 0 || pointerId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("pointer id " + pointerId + " outside 0..2^32-1");
        }
        return (int) pointerId;
    }

    private static int signed16(String what, int value) {
        return range(what, value, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    private static int range(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " outside " + min + ".." + max);
        }
        return value;
    }
}
