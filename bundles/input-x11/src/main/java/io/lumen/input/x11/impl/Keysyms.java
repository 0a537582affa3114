package io.lumen.input.x11.impl;

/**
 * The X keysym that stands for a Unicode character, by the rules of the X protocol's keysym encoding: printable
 * Latin-1 characters are their own keysyms, every other character is its code point plus 0x01000000 (the range
 * 0x01000100..0x0110FFFF is reserved for exactly that). The few control characters a text can carry become the
 * keys that type them, whose keysyms are 0xFF00 plus the ASCII code.
 */
final class Keysyms {

    /** No keysym types this character. */
    static final long NONE = 0;
    private static final long UNICODE_OFFSET = 0x0100_0000L;
    private static final long TTY_FUNCTION = 0xFF00L;
    static final long BACKSPACE = 0xFF08L;
    static final long TAB = 0xFF09L;
    static final long RETURN = 0xFF0DL;
    static final long ESCAPE = 0xFF1BL;
    static final long DELETE = 0xFFFFL;
    /** XK_Shift_L and XK_Caps_Lock. */
    static final long SHIFT_L = 0xFFE1L;
    static final long CAPS_LOCK = 0xFFE5L;

    private Keysyms() {
    }

    /**
     * The character a letter or digit virtual key (VK_A..VK_Z, VK_0..VK_9) names, as its keysym: the lowercase
     * letter or the digit. {@link #NONE} for every other key, whose virtual key says nothing about a character.
     */
    static long ofLetterOrDigitKey(int virtualKey) {
        if (virtualKey >= 'A' && virtualKey <= 'Z') {
            return Character.toLowerCase(virtualKey);
        }
        return virtualKey >= '0' && virtualKey <= '9' ? virtualKey : NONE;
    }

    /** The keysym for {@code codePoint}, or {@link #NONE} for a control character that is not a key. */
    static long of(int codePoint) {
        if (codePoint >= 0x20 && codePoint <= 0x7E || codePoint >= 0xA0 && codePoint <= 0xFF) {
            return codePoint;
        }
        return switch (codePoint) {
            // a newline from a phone's keyboard means Enter (XK_Linefeed is a key few applications know)
            case '\n', '\r' -> RETURN;
            case '\b', '\t', 0x1B -> TTY_FUNCTION | codePoint;
            case 0x7F -> DELETE;
            default -> Character.isISOControl(codePoint) || !Character.isValidCodePoint(codePoint)
                    || Character.getType(codePoint) == Character.SURROGATE ? NONE : UNICODE_OFFSET + codePoint;
        };
    }
}
