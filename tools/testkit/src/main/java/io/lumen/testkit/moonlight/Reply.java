package io.lumen.testkit.moonlight;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One host reply: HTTP status, content type, body; XML fields read by name as the clients read them. */
public record Reply(int status, String contentType, byte[] body) {

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first {@code <name>value</name>}, or null. */
    public String field(String name) {
        List<String> all = fields(name);
        return all.isEmpty() ? null : all.get(0);
    }

    public List<String> fields(String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(text());
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&amp;", "&"));
        }
        return values;
    }

    /** The {@code status_code} attribute of the XML root (GameStream errors carry it there). */
    public int xmlStatus() {
        Matcher m = Pattern.compile("<root status_code=\"(\\d+)\"").matcher(text());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + (contentType != null && contentType.startsWith("image/")
                ? body.length + " bytes" : text());
    }
}
