package io.lumen.testkit.pipewire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reading what {@code weston-eventdemo} printed of the input its window received (to
 * {@link WaylandCompositor#clientLog()}), for tests that inject input into a compositor and check its arrival.
 */
public final class EventDemoOutput {

    private EventDemoOutput() {
    }

    /** The lines printed from byte {@code from} of {@code log} on; none while the log does not exist yet. */
    public static List<String> lines(Path log, long from) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            return new String(bytes, (int) Math.min(from, bytes.length), (int) Math.max(0, bytes.length - from))
                    .lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The value after {@code name} up to the next comma: "x: " of "motion time: 1, x: 12.5, y: 7". */
    public static String field(String line, String name) {
        int at = line.indexOf(name);
        if (at < 0) {
            throw new AssertionError("no \"" + name + "\" in: " + line);
        }
        int end = line.indexOf(',', at);
        return line.substring(at + name.length(), end < 0 ? line.length() : end).strip();
    }

    /** A key line as "code state" plus the printable character a press typed: "35 pressed H". */
    public static String keyAndState(String line) {
        // "key key: 35, unicode: 72, state: pressed, modifiers: 0x00000001"
        String code = field(line, "key key: ");
        String state = field(line, "state: ");
        int unicode = Integer.parseInt(field(line, "unicode: "));
        return code + " " + state + (state.equals("pressed") && unicode > 32 && unicode < 127 ? " " + (char) unicode
                : "");
    }

    /** A motion line's position in the window. */
    public static double[] motion(String line) {
        return new double[]{Double.parseDouble(field(line, "x: ")), Double.parseDouble(field(line, "y: "))};
    }

    /** An axis line's value. */
    public static double axis(String line) {
        return Double.parseDouble(field(line, "value: "));
    }
}
