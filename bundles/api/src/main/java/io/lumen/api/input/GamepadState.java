package io.lumen.api.input;

/**
 * The whole state of one of the client's pads, sent whenever something on it changed. A pad the host has not
 * seen arrive is plugged in by its first state with its bit set in {@code activeControllers}; a state with its
 * bit clear (and all else at rest) says it was unplugged.
 *
 * @param sessionId         the session whose client sent it
 * @param controllerNumber  0..15, the pad's slot on the client; each client numbers its own pads
 * @param activeControllers the client's pads plugged in now, one bit per slot (bit n for slot n), 0..0xFFFF
 * @param buttons           the buttons held: {@link GamepadButton} bits, others kept as sent
 * @param leftTrigger       0..255, 0 released
 * @param rightTrigger      0..255, 0 released
 * @param leftStickX        -32768..32767, positive to the right
 * @param leftStickY        -32768..32767, positive up (XInput's sense, not SDL's)
 * @param rightStickX       -32768..32767, positive to the right
 * @param rightStickY       -32768..32767, positive up
 */
public record GamepadState(String sessionId, int controllerNumber, int activeControllers, int buttons,
                           int leftTrigger, int rightTrigger, int leftStickX, int leftStickY, int rightStickX,
                           int rightStickY) implements InputEvent {

    /** Pads one client can have: the bits of {@code activeControllers}. */
    public static final int MAX_CONTROLLERS = 16;

    public GamepadState {
        Check.session(sessionId);
        Check.controller(controllerNumber);
        Check.range("active controllers", activeControllers, 0, 0xFFFF);
        Check.range("left trigger", leftTrigger, 0, 255);
        Check.range("right trigger", rightTrigger, 0, 255);
        Check.range("left stick x", leftStickX, Short.MIN_VALUE, Short.MAX_VALUE);
        Check.range("left stick y", leftStickY, Short.MIN_VALUE, Short.MAX_VALUE);
        Check.range("right stick x", rightStickX, Short.MIN_VALUE, Short.MAX_VALUE);
        Check.range("right stick y", rightStickY, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    public boolean pressed(GamepadButton button) {
        return (buttons & button.flag()) != 0;
    }

    /** False when this state reports the pad unplugged. */
    public boolean connected() {
        return (activeControllers & (1 << controllerNumber)) != 0;
    }
}
