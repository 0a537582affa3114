package io.lumen.api.input;

import java.util.Objects;

/**
 * A mouse button went down or up.
 *
 * @param sessionId the session whose client sent it
 * @param button    which one
 * @param pressed   true when it went down, false when it came up
 */
public record MouseButtonChange(String sessionId, MouseButton button, boolean pressed) implements InputEvent {

    public MouseButtonChange {
        Check.session(sessionId);
        Objects.requireNonNull(button, "button");
    }
}
