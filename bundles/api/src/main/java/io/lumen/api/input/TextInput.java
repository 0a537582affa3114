package io.lumen.api.input;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Text to type as it is, whatever the keyboard layout (an on-screen keyboard, an input method, a paste).
 * Clients send one character at a time.
 *
 * @param sessionId the session whose client sent it
 * @param text      1 to {@value #MAX_UTF8_BYTES} bytes once encoded in UTF-8
 */
public record TextInput(String sessionId, String text) implements InputEvent {

    /** The most one event carries: the client's buffer. */
    public static final int MAX_UTF8_BYTES = 32;

    public TextInput {
        Check.session(sessionId);
        Objects.requireNonNull(text, "text");
        Check.range("text length in UTF-8", text.getBytes(StandardCharsets.UTF_8).length, 1, MAX_UTF8_BYTES);
    }
}
