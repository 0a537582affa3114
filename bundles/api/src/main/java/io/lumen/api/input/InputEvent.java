package io.lumen.api.input;

/**
 * Something a streaming client did with one of its input devices. Values: each names the session it belongs to,
 * so a sink serving several clients keeps their devices apart.
 */
public sealed interface InputEvent permits KeyChange, MouseMove, MousePosition, MouseButtonChange, Scroll,
        TextInput, GamepadState, GamepadArrival, GamepadTouchpad, GamepadMotion, GamepadBattery, Touch, Pen,
        HapticsRequest {

    /** The session whose client sent it. */
    String sessionId();
}
