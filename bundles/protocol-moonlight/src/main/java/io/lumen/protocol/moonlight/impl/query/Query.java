package io.lumen.protocol.moonlight.impl.query;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a query string or form, read the way every endpoint reads them: the first value of a name,
 * and an {@link IllegalArgumentException} naming the parameter when one is missing or malformed (the HTTP
 * handlers answer it with a 400).
 */
public record Query(Map<String, List<String>> parameters) {

    public boolean has(String name) {
        return parameters.containsKey(name);
    }

    /** The first value given for {@code name}, or null. */
    public String first(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String required(String name) {
        String value = first(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    public byte[] hex(String name) {
        String text = required(name);
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not hex");
        }
    }

    public int integer(String name) {
        return parse(name, required(name));
    }

    /** The number given for {@code name}, or {@code fallback} when it is absent. */
    public int integer(String name, int fallback) {
        String text = first(name);
        return text == null ? fallback : parse(name, text);
    }

    private static int parse(String name, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + abbreviate(text));
        }
    }

    /** A value for an error message: long ones are cut, so a client cannot make the host log pages. */
    public static String abbreviate(String text) {
        return text.length() > 24 ? text.substring(0, 24) + "..." : text;
    }
}
