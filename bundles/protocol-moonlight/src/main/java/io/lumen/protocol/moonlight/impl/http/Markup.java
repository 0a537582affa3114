package io.lumen.protocol.moonlight.impl.http;

/** Escaping for text placed in XML or HTML, attribute values included. */
public final class Markup {

    private Markup() {
    }

    /** Escapes the five markup characters and drops control characters XML 1.0 cannot carry. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
