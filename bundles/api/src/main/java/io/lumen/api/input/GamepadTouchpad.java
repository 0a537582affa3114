package io.lumen.api.input;

import java.util.Objects;

/**
 * A finger on a pad's touchpad (a PlayStation pad's, a Steam Controller's two).
 *
 * @param sessionId        the session whose client sent it
 * @param controllerNumber 0..15, the pad's slot on the client
 * @param touchpad         which touchpad of the pad, 0..255: 0, or 1 for the second of a
 *                         {@link GamepadCapability#DUAL_TOUCHPAD} pad
 * @param action           what the finger did
 * @param pointerId        0..2³²-1, constant for one finger from down to up
 * @param x                0..1 from the touchpad's left edge
 * @param y                0..1 from its top edge
 * @param pressure         0..1; 0 when the pad cannot tell
 */
public record GamepadTouchpad(String sessionId, int controllerNumber, int touchpad, TouchAction action,
                              long pointerId, float x, float y, float pressure) implements InputEvent {

    public GamepadTouchpad {
        Check.session(sessionId);
        Check.controller(controllerNumber);
        Check.range("touchpad", touchpad, 0, 255);
        Objects.requireNonNull(action, "action");
        Check.range("pointer id", pointerId, 0, 0xFFFF_FFFFL);
        Check.unit("x", x);
        Check.unit("y", y);
        Check.unit("pressure", pressure);
    }
}
