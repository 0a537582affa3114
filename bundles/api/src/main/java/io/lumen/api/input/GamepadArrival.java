package io.lumen.api.input;

import java.util.Objects;

/**
 * A pad was plugged in on the client, with what it has, so the host can plug in a matching virtual one. A
 * {@link GamepadState} with the pad's bit set follows at once (clients send both, for hosts without arrivals).
 *
 * @param sessionId        the session whose client sent it
 * @param controllerNumber 0..15, the pad's slot on the client
 * @param type             the pad's family
 * @param capabilities     {@link GamepadCapability} bits, 0..0xFFFF, others kept as sent
 * @param supportedButtons the buttons it has: {@link GamepadButton} bits, others kept as sent
 */
public record GamepadArrival(String sessionId, int controllerNumber, GamepadType type, int capabilities,
                             int supportedButtons) implements InputEvent {

    public GamepadArrival {
        Check.session(sessionId);
        Check.controller(controllerNumber);
        Objects.requireNonNull(type, "type");
        Check.range("capabilities", capabilities, 0, 0xFFFF);
    }

    public boolean has(GamepadCapability capability) {
        return (capabilities & capability.flag()) != 0;
    }

    public boolean supports(GamepadButton button) {
        return (supportedButtons & button.flag()) != 0;
    }
}
