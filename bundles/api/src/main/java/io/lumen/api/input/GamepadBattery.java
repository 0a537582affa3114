package io.lumen.api.input;

import java.util.Objects;

/**
 * A pad's battery, so the virtual pad can report the same.
 *
 * @param sessionId        the session whose client sent it
 * @param controllerNumber 0..15, the pad's slot on the client
 * @param state            charging or not
 * @param percent          0..100, or {@value #UNKNOWN_PERCENT} when the pad does not say
 */
public record GamepadBattery(String sessionId, int controllerNumber, BatteryState state, int percent)
        implements InputEvent {

    public static final int UNKNOWN_PERCENT = -1;

    public GamepadBattery {
        Check.session(sessionId);
        Check.controller(controllerNumber);
        Objects.requireNonNull(state, "state");
        Check.range("battery percent", percent, UNKNOWN_PERCENT, 100);
    }
}
