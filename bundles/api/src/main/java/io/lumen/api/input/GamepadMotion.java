package io.lumen.api.input;

import java.util.Objects;

/**
 * A reading of a pad's accelerometer or gyroscope. Clients send these only after the host asked for them, at
 * the rate it asked. Axes follow SDL's sensor convention for a pad held in front of the player: x to the right,
 * y up, z towards the player; rotation about each axis is positive counter-clockwise.
 *
 * @param sessionId        the session whose client sent it
 * @param controllerNumber 0..15, the pad's slot on the client
 * @param sensor           which sensor: the unit is m/s² (gravity included) or degrees per second
 * @param x                finite
 * @param y                finite
 * @param z                finite
 */
public record GamepadMotion(String sessionId, int controllerNumber, MotionSensor sensor, float x, float y, float z)
        implements InputEvent {

    public GamepadMotion {
        Check.session(sessionId);
        Check.controller(controllerNumber);
        Objects.requireNonNull(sensor, "sensor");
        Check.finite("x", x);
        Check.finite("y", y);
        Check.finite("z", z);
    }
}
