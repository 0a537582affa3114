package io.lumen.protocol.moonlight.impl.query;

import java.util.regex.Pattern;

/**
 * A client-supplied string (a device name, an id) made safe to log or print to a terminal: a client must not be
 * able to move the cursor, retitle the window, clear the screen or forge a log line. Terminal escape sequences
 * become one {@code ?}, as does every other control or format character (line breaks, bidi overrides); the result is
 * cut to {@link #MAX_LENGTH} code points.
 */
public final class Printable {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ESCAPES = Pattern.compile(
            "(?:\u001b\\[|\u009b)[0-?]*[ -/]*[@-~]" // CSI: cursor, colours, erase
                    + "|(?:\u001b[]PX^_]|[\u0090\u009d\u0098\u009e\u009f]).*?(?:\u0007|\u001b\\\\|\u009c|$)" // OSC, DCS...
                    + "|\u001b[ -~]?", // any other escape
            Pattern.DOTALL);

    private Printable() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String unescaped = ESCAPES.matcher(text).replaceAll("?");
        StringBuilder out = new StringBuilder(Math.min(unescaped.length(), MAX_LENGTH + 1));
        int codePoints = 0;
        for (int i = 0; i < unescaped.length(); i += Character.charCount(unescaped.codePointAt(i))) {
            if (codePoints++ == MAX_LENGTH) {
                return out.append('…').toString();
            }
            int c = unescaped.codePointAt(i);
            out.appendCodePoint(printable(c) ? c : '?');
        }
        return out.toString();
    }

    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> false;
            default -> true;
        };
    }
}
