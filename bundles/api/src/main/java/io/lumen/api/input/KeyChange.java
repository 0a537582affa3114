package io.lumen.api.input;

/**
 * A key went down or up.
 *
 * @param sessionId     the session whose client sent it
 * @param virtualKey    the Windows virtual-key code, 0..255 ({@code 0x41} is A, {@code 0x0D} Enter)
 * @param pressed       true when the key went down, false when it came up
 * @param modifiers     the modifiers held with it, 0..255: {@link KeyModifier} bits, others kept as sent
 * @param nonNormalized false (the usual case): {@code virtualKey} names the key at that position on a US English
 *                      layout, whatever layout the client has, so the injector maps it to a scancode by position.
 *                      True: the client could not do that translation and means the key that carries this
 *                      code on the host's own layout.
 */
public record KeyChange(String sessionId, int virtualKey, boolean pressed, int modifiers, boolean nonNormalized)
        implements InputEvent {

    public KeyChange {
        Check.session(sessionId);
        Check.range("virtual key", virtualKey, 0, 255);
        Check.range("modifiers", modifiers, 0, 255);
    }

    public boolean has(KeyModifier modifier) {
        return (modifiers & modifier.flag()) != 0;
    }
}
