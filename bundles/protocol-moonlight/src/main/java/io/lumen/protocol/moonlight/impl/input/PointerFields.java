package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.GamepadTouchpad;
import io.lumen.api.input.Pen;
import io.lumen.api.input.PenTool;
import io.lumen.api.input.Touch;
import io.lumen.api.input.TouchAction;
import io.lumen.protocol.moonlight.impl.input.InputRejectedException.Reason;

import static io.lumen.protocol.moonlight.impl.input.InputDecoder.controller;
import static io.lumen.protocol.moonlight.impl.input.InputDecoder.expect;
import static io.lumen.protocol.moonlight.impl.input.InputDecoder.reject;
import static io.lumen.protocol.moonlight.impl.input.WireBytes.le16u;
import static io.lumen.protocol.moonlight.impl.input.WireBytes.le32u;
import static io.lumen.protocol.moonlight.impl.input.WireBytes.leFloat;
import static io.lumen.protocol.moonlight.impl.input.WireBytes.u8;

/** The bodies of Sunshine's touch, pen and pad-touchpad packets, which share their pointer fields. */
final class PointerFields {

    private static final int ROTATION_UNKNOWN = 0xFFFF;
    private static final int TILT_UNKNOWN = 0xFF;

    private PointerFields() {
    }

    static Touch touch(String sessionId, byte[] b, int at, int size) throws InputRejectedException {
        expect(size, 28, "touch");
        return new Touch(sessionId, action(u8(b, at)), le32u(b, at + 4), unit(b, at + 8), unit(b, at + 12),
                unit(b, at + 16), unit(b, at + 20), unit(b, at + 24), rotation(le16u(b, at + 2), Touch.UNKNOWN_ROTATION));
    }

    static Pen pen(String sessionId, byte[] b, int at, int size) throws InputRejectedException {
        expect(size, 28, "pen");
        PenTool tool = switch (u8(b, at + 1)) {
            case 1 -> PenTool.PEN;
            case 2 -> PenTool.ERASER;
            default -> PenTool.UNKNOWN;
        };
        int tilt = u8(b, at + 18);
        return new Pen(sessionId, action(u8(b, at)), tool, u8(b, at + 2), unit(b, at + 4), unit(b, at + 8),
                unit(b, at + 12), unit(b, at + 20), unit(b, at + 24), rotation(le16u(b, at + 16), Pen.UNKNOWN_ROTATION),
                tilt == TILT_UNKNOWN ? Pen.UNKNOWN_TILT : Math.min(tilt, 90));
    }

    static GamepadTouchpad gamepadTouchpad(String sessionId, byte[] b, int at, int size)
            throws InputRejectedException {
        expect(size, 20, "gamepad touchpad");
        return new GamepadTouchpad(sessionId, controller(u8(b, at)), u8(b, at + 3), action(u8(b, at + 1)),
                le32u(b, at + 4), unit(b, at + 8), unit(b, at + 12), unit(b, at + 16));
    }

    private static TouchAction action(int code) throws InputRejectedException {
        return switch (code) {
            case 0 -> TouchAction.HOVER;
            case 1 -> TouchAction.DOWN;
            case 2 -> TouchAction.UP;
            case 3 -> TouchAction.MOVE;
            case 4 -> TouchAction.CANCEL;
            case 5 -> TouchAction.BUTTON_ONLY;
            case 6 -> TouchAction.HOVER_LEAVE;
            case 7 -> TouchAction.CANCEL_ALL;
            default -> throw reject(Reason.INVALID_FIELD, "touch action " + code);
        };
    }

    /**
     * Clamped to 0..1 as Sunshine clamps. Not a number reads as 0 rather than rejecting: cancels carry no
     * meaningful position, and losing a cancel would leave a finger down on the host.
     */
    private static float unit(byte[] b, int at) {
        float value = leFloat(b, at);
        return Float.isNaN(value) ? 0f : Math.clamp(value, 0f, 1f);
    }

    private static int rotation(int raw, int unknown) {
        return raw == ROTATION_UNKNOWN ? unknown : raw % 360;
    }
}
