package io.lumen.api.input;

import java.util.Objects;

/**
 * A wheel turned or a touchpad scrolled.
 *
 * @param sessionId the session whose client sent it
 * @param axis      which way
 * @param amount    -32768..32767 in 1/120 of a wheel notch ({@value #NOTCH} is one notch; touchpads and free
 *                  wheels send less); positive is away from the user (up) or to the right
 */
public record Scroll(String sessionId, ScrollAxis axis, int amount) implements InputEvent {

    /** One notch of a classic wheel (Windows' WHEEL_DELTA). */
    public static final int NOTCH = 120;

    public Scroll {
        Check.session(sessionId);
        Objects.requireNonNull(axis, "axis");
        Check.range("scroll amount", amount, Short.MIN_VALUE, Short.MAX_VALUE);
    }
}
