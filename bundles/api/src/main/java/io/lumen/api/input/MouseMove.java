package io.lumen.api.input;

/**
 * The mouse moved by a relative amount (the pointer is captured by the client, as games want it).
 *
 * @param sessionId the session whose client sent it
 * @param deltaX    -32768..32767 counts, positive to the right
 * @param deltaY    -32768..32767 counts, positive downwards
 */
public record MouseMove(String sessionId, int deltaX, int deltaY) implements InputEvent {

    public MouseMove {
        Check.session(sessionId);
        Check.range("delta x", deltaX, Short.MIN_VALUE, Short.MAX_VALUE);
        Check.range("delta y", deltaY, Short.MIN_VALUE, Short.MAX_VALUE);
    }
}
