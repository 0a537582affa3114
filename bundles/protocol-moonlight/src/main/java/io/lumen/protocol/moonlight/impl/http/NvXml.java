package io.lumen.protocol.moonlight.impl.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The XML every GameStream endpoint answers with: {@code <root status_code="200">} and flat child elements, in
 * the order they were added (clients parse by name; Sunshine's order is kept where it matters to humans).
 */
final class NvXml {

    private final Map<String, String> fields = new LinkedHashMap<>();

    NvXml put(String name, Object value) {
        fields.put(name, String.valueOf(value));
        return this;
    }

    String ok() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root status_code=\"200\">");
        fields.forEach((name, value) -> xml.append('<').append(name).append('>').append(escape(value))
                .append("</").append(name).append('>'));
        return xml.append("</root>").toString();
    }

    /** An error reply: the status in the root's attributes, as Sunshine sends it. */
    static String error(int status, String query, String message) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root status_code=\"" + status + "\" query=\""
                + escape(query) + "\" status_message=\"" + escape(message) + "\"/>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
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
