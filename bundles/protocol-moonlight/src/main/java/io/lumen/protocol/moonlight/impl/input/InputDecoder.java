package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.BatteryState;
import io.lumen.api.input.GamepadArrival;
import io.lumen.api.input.GamepadBattery;
import io.lumen.api.input.GamepadMotion;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.HapticsRequest;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.api.input.TextInput;
import io.lumen.protocol.moonlight.impl.input.InputRejectedException.Reason;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static io.lumen.protocol.moonlight.impl.input.WireBytes.be16;
import static io.lumen.protocol.moonlight.impl.input.WireBytes.be32;
import static io.lumen.protocol.moonlight.impl.input.WireBytes.le16;
import static io.lumen.protocol.moonlight.impl.input.WireBytes.le16u;
import static io.lumen.protocol.moonlight.impl.input.WireBytes.le32;
import static io.lumen.protocol.moonlight.impl.input.WireBytes.leFloat;
import static io.lumen.protocol.moonlight.impl.input.WireBytes.u8;

/**
 * Reads one input packet, the payload of control message 0x0206, as a gen-7 client (appversion 7.1.431) and
 * Sunshine's extensions write it: {@code BE32 size} (the bytes after this field), {@code LE32 magic}, then the
 * body the magic names. Stateless.
 * <p>
 * Strict where Sunshine is lax (it reads every packet through a struct cast, whatever its length): each body must
 * have exactly its layout's length, since no client sends more or less and a mismatch means a framing bug
 * upstream. Values the protocol bounds are brought into range as Sunshine does (rotation modulo 360, tilt up to
 * 90, normalized floats clamped to 0..1, a pointer position clamped to the reference area); values that name
 * something that does not exist are rejected, except types with an "unknown" member, which take that member so
 * a newer client's pad still arrives.
 */
public final class InputDecoder {

    /** The size field and the magic. */
    static final int HEADER = 8;
    /** Well above the largest packet a client sends (text, 8 + 32) and equal to the client's own input buffer. */
    static final int MAX_PACKET = 128;

    static final int KEY_DOWN = 0x03;
    static final int KEY_UP = 0x04;
    static final int MOUSE_POSITION = 0x05;
    static final int MOUSE_MOVE = 0x07;
    static final int MOUSE_BUTTON_DOWN = 0x08;
    static final int MOUSE_BUTTON_UP = 0x09;
    static final int VERTICAL_SCROLL = 0x0A;
    static final int GAMEPAD = 0x0C;
    static final int HAPTICS = 0x0D;
    static final int TEXT = 0x17;
    static final int HORIZONTAL_SCROLL = 0x5500_0001;
    static final int TOUCH = 0x5500_0002;
    static final int PEN = 0x5500_0003;
    static final int GAMEPAD_ARRIVAL = 0x5500_0004;
    static final int GAMEPAD_TOUCHPAD = 0x5500_0005;
    static final int GAMEPAD_MOTION = 0x5500_0006;
    static final int GAMEPAD_BATTERY = 0x5500_0007;

    private InputDecoder() {
    }

    /** {@link #decode(String, byte[], int, int)} of a whole array. */
    public static InputEvent decode(String sessionId, byte[] payload) throws InputRejectedException {
        return decode(sessionId, payload, 0, payload.length);
    }

    /**
     * The event in {@code payload[offset, offset + length)}.
     *
     * @throws InputRejectedException    the packet is malformed, truncated, oversized or of an unknown kind; the
     *                                   only exception a client's bytes can cause
     * @throws NullPointerException      a null argument
     * @throws IndexOutOfBoundsException offset and length outside the array: the caller's bug, not the client's
     */
    public static InputEvent decode(String sessionId, byte[] payload, int offset, int length)
            throws InputRejectedException {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.checkFromIndexSize(offset, length, payload.length);
        if (length < HEADER) {
            throw reject(Reason.TRUNCATED, length + " bytes, fewer than the 8-byte header");
        }
        if (length > MAX_PACKET) {
            throw reject(Reason.OVERSIZED, length + " bytes, more than the " + MAX_PACKET + " any client sends");
        }
        long declared = Integer.toUnsignedLong(be32(payload, offset));
        if (declared != length - 4) {
            throw reject(Reason.SIZE_MISMATCH,
                    "the header declares " + declared + " bytes after its size field, " + (length - 4) + " arrived");
        }
        int magic = le32(payload, offset + 4);
        int at = offset + HEADER;
        int size = length - HEADER;
        return switch (magic) {
            case KEY_DOWN, KEY_UP -> key(sessionId, payload, at, size, magic == KEY_DOWN);
            case MOUSE_MOVE -> {
                expect(size, 4, "mouse move");
                yield new MouseMove(sessionId, be16(payload, at), be16(payload, at + 2));
            }
            case MOUSE_POSITION -> mousePosition(sessionId, payload, at, size);
            case MOUSE_BUTTON_DOWN, MOUSE_BUTTON_UP -> mouseButton(sessionId, payload, at, size, magic);
            case VERTICAL_SCROLL -> {
                // the second amount repeats the first and the third field is zero: only the first counts
                expect(size, 6, "scroll");
                yield new Scroll(sessionId, ScrollAxis.VERTICAL, be16(payload, at));
            }
            case HORIZONTAL_SCROLL -> {
                expect(size, 2, "horizontal scroll");
                yield new Scroll(sessionId, ScrollAxis.HORIZONTAL, be16(payload, at));
            }
            case TEXT -> text(sessionId, payload, at, size);
            case GAMEPAD -> gamepad(sessionId, payload, at, size);
            case HAPTICS -> {
                expect(size, 2, "haptics request");
                yield new HapticsRequest(sessionId, le16(payload, at) != 0);
            }
            case GAMEPAD_ARRIVAL -> arrival(sessionId, payload, at, size);
            case TOUCH -> PointerFields.touch(sessionId, payload, at, size);
            case PEN -> PointerFields.pen(sessionId, payload, at, size);
            case GAMEPAD_TOUCHPAD -> PointerFields.gamepadTouchpad(sessionId, payload, at, size);
            case GAMEPAD_MOTION -> motion(sessionId, payload, at, size);
            case GAMEPAD_BATTERY -> battery(sessionId, payload, at, size);
            default -> throw reject(Reason.UNKNOWN_MAGIC, String.format("magic 0x%08x", magic));
        };
    }

    private static KeyChange key(String sessionId, byte[] b, int at, int size, boolean pressed)
            throws InputRejectedException {
        expect(size, 6, "key");
        // Clients put 0x80 in the key code's high byte (GameStream wanted it); the key is the low byte.
        int virtualKey = le16(b, at + 1) & 0xFF;
        boolean nonNormalized = (u8(b, at) & 0x01) != 0;
        return new KeyChange(sessionId, virtualKey, pressed, u8(b, at + 3), nonNormalized);
    }

    private static MousePosition mousePosition(String sessionId, byte[] b, int at, int size)
            throws InputRejectedException {
        expect(size, 10, "mouse position");
        // Clients send the reference size minus one, a fix for GameStream's scaling that never reached the far
        // edge; the last point they can name is that field itself.
        int lastX = be16(b, at + 6);
        int lastY = be16(b, at + 8);
        if (lastX <= 0 || lastY <= 0) {
            throw reject(Reason.INVALID_FIELD, "mouse reference area " + (lastX + 1) + "x" + (lastY + 1));
        }
        int x = Math.clamp(be16(b, at), 0, lastX);
        int y = Math.clamp(be16(b, at + 2), 0, lastY);
        return new MousePosition(sessionId, x, y, lastX + 1, lastY + 1);
    }

    private static MouseButtonChange mouseButton(String sessionId, byte[] b, int at, int size, int magic)
            throws InputRejectedException {
        expect(size, 1, "mouse button");
        MouseButton button = switch (u8(b, at)) {
            case 1 -> MouseButton.LEFT;
            case 2 -> MouseButton.MIDDLE;
            case 3 -> MouseButton.RIGHT;
            case 4 -> MouseButton.X1;
            case 5 -> MouseButton.X2;
            default -> throw reject(Reason.INVALID_FIELD, "mouse button " + u8(b, at));
        };
        return new MouseButtonChange(sessionId, button, magic == MOUSE_BUTTON_DOWN);
    }

    private static TextInput text(String sessionId, byte[] b, int at, int size) throws InputRejectedException {
        if (size == 0) {
            throw reject(Reason.TRUNCATED, "text of no bytes");
        }
        if (size > TextInput.MAX_UTF8_BYTES) {
            throw reject(Reason.OVERSIZED, "text of " + size + " bytes, more than " + TextInput.MAX_UTF8_BYTES);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, at, size)).toString();
            return new TextInput(sessionId, text);
        } catch (CharacterCodingException e) {
            throw reject(Reason.INVALID_FIELD, "text that is not UTF-8");
        }
    }

    private static GamepadState gamepad(String sessionId, byte[] b, int at, int size) throws InputRejectedException {
        expect(size, 26, "gamepad");
        // The constant fields (0x1A, 0x14, 0x9C, 0x55) go unchecked: Sunshine ignores them, so a client that
        // gets one wrong works there and must work here.
        int controller = controller(le16(b, at + 2));
        int buttons = le16u(b, at + 8) | le16u(b, at + 22) << 16;
        return new GamepadState(sessionId, controller, le16u(b, at + 4), buttons, u8(b, at + 10), u8(b, at + 11),
                le16(b, at + 12), le16(b, at + 14), le16(b, at + 16), le16(b, at + 18));
    }

    private static GamepadArrival arrival(String sessionId, byte[] b, int at, int size) throws InputRejectedException {
        expect(size, 8, "gamepad arrival");
        GamepadType type = switch (u8(b, at + 1)) {
            case 1 -> GamepadType.XBOX;
            case 2 -> GamepadType.PLAYSTATION;
            case 3 -> GamepadType.NINTENDO;
            case 4 -> GamepadType.STEAM;
            default -> GamepadType.UNKNOWN;
        };
        return new GamepadArrival(sessionId, controller(u8(b, at)), type, le16u(b, at + 2), le32(b, at + 4));
    }

    private static GamepadMotion motion(String sessionId, byte[] b, int at, int size) throws InputRejectedException {
        expect(size, 16, "gamepad motion");
        int controller = controller(u8(b, at));
        MotionSensor sensor = switch (u8(b, at + 1)) {
            case 1 -> MotionSensor.ACCELEROMETER;
            case 2 -> MotionSensor.GYROSCOPE;
            default -> throw reject(Reason.INVALID_FIELD, "motion sensor " + u8(b, at + 1));
        };
        float x = leFloat(b, at + 4);
        float y = leFloat(b, at + 8);
        float z = leFloat(b, at + 12);
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
            throw reject(Reason.INVALID_FIELD, "motion reading (" + x + ", " + y + ", " + z + ")");
        }
        return new GamepadMotion(sessionId, controller, sensor, x, y, z);
    }

    private static GamepadBattery battery(String sessionId, byte[] b, int at, int size) throws InputRejectedException {
        expect(size, 4, "gamepad battery");
        BatteryState state = switch (u8(b, at + 1)) {
            case 1 -> BatteryState.NOT_PRESENT;
            case 2 -> BatteryState.DISCHARGING;
            case 3 -> BatteryState.CHARGING;
            case 4 -> BatteryState.NOT_CHARGING;
            case 5 -> BatteryState.FULL;
            default -> BatteryState.UNKNOWN;
        };
        int percent = u8(b, at + 2);
        return new GamepadBattery(sessionId, controller(u8(b, at)), state,
                percent == 0xFF ? GamepadBattery.UNKNOWN_PERCENT : Math.min(percent, 100));
    }

    /** Sunshine drops pads beyond its 16 slots too. */
    static int controller(int number) throws InputRejectedException {
        if (number < 0 || number >= GamepadState.MAX_CONTROLLERS) {
            throw reject(Reason.INVALID_FIELD, "controller number " + number);
        }
        return number;
    }

    static void expect(int size, int layout, String what) throws InputRejectedException {
        if (size < layout) {
            throw reject(Reason.TRUNCATED, what + " body of " + size + " bytes, its layout has " + layout);
        }
        if (size > layout) {
            throw reject(Reason.OVERSIZED, what + " body of " + size + " bytes, its layout has " + layout);
        }
    }

    static InputRejectedException reject(Reason reason, String detail) {
        return new InputRejectedException(reason, detail);
    }
}
