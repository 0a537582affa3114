package io.lumen.api.input;

import java.util.Objects;

/** The range checks the event records share; an out-of-range value is a bug in whoever built the event. */
final class Check {

    private Check() {
    }

    static String session(String sessionId) {
        return Objects.requireNonNull(sessionId, "sessionId");
    }

    static void range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " outside " + min + ".." + max);
        }
    }

    static void controller(int controllerNumber) {
        range("controller number", controllerNumber, 0, GamepadState.MAX_CONTROLLERS - 1);
    }

    /** NaN fails too: the comparisons are false. */
    static void unit(String what, float value) {
        if (!(value >= 0f && value <= 1f)) {
            throw new IllegalArgumentException(what + " " + value + " outside 0..1");
        }
    }

    static void finite(String what, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " is not a finite number: " + value);
        }
    }
}
