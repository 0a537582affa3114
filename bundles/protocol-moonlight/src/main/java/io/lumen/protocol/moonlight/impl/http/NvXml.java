package io.lumen.protocol.moonlight.impl.http;


/**
 * The XML every GameStream endpoint answers with: {@code <root status_code="200">} and flat child elements, in
 * the order they were added (clients parse by name; Sunshine's order is kept where it matters to humans), with
 * nested elements where a list is sent.
 */
final class NvXml {

    private final StringBuilder body = new StringBuilder();

    NvXml put(String name, Object value) {
        body.append('<').append(name).append('>').append(Markup.escape(String.valueOf(value))).append("</").append(name)
                .append('>');
        return this;
    }

    /** Opens a nested element ({@code <App>}, {@code <DisplayMode>}); {@link #end} closes it. */
    NvXml begin(String name) {
        body.append('<').append(name).append('>');
        return this;
    }

    NvXml end(String name) {
        body.append("</").append(name).append('>');
        return this;
    }

    String ok() {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root status_code=\"200\">" + body + "</root>";
    }

    /** An error reply: the status in the root's attributes, as Sunshine sends it. */
    static String error(int status, String query, String message) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root status_code=\"" + status + "\" query=\""
                + Markup.escape(query) + "\" status_message=\"" + Markup.escape(message) + "\"/>";
    }
}
