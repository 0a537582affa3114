package io.lumen.testkit.x11;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code xev} output line by line. Each event is a block: a {@code KeyPress event, serial ...} header and
 * indented fields. A key event's block carries {@code keycode N (keysym 0xK, name)} and
 * {@code XLookupString gives N bytes: (hex bytes) "text"}, and ends with its {@code XFilterEvent returns} line, where
 * it is handed on. The focus arriving (KeymapNotify, which follows the pointer entering) and each MappingNotify are
 * reported as notices.
 */
final class XevOutputParser {

    enum Notice { FOCUS, MAPPING }

    private static final Pattern HEADER = Pattern.compile("^(\\w+) event, serial");
    private static final Pattern KEY = Pattern.compile("keycode (\\d+) \\(keysym 0x([0-9a-f]+),");
    private static final Pattern LOOKUP = Pattern.compile("^\\s*XLookupString gives (\\d+) bytes:\\s*(?:\\(([0-9a-f ]+)\\))?");

    private final Consumer<XevWindow.Typed> keys;
    private final Consumer<Notice> notices;
    private String type;
    private int keycode;
    private long keysym;
    private String text = "";

    XevOutputParser(Consumer<XevWindow.Typed> keys, Consumer<Notice> notices) {
        this.keys = keys;
        this.notices = notices;
    }

    void line(String line) {
        Matcher m = HEADER.matcher(line);
        if (m.find()) {
            type = m.group(1);
            keycode = 0;
            keysym = 0;
            text = "";
            switch (type) {
                case "KeymapNotify" -> notices.accept(Notice.FOCUS);
                case "MappingNotify" -> notices.accept(Notice.MAPPING);
                default -> { }
            }
            return;
        }
        if (!"KeyPress".equals(type) && !"KeyRelease".equals(type)) {
            return;
        }
        if ((m = KEY.matcher(line)).find()) {
            keycode = Integer.parseInt(m.group(1));
            keysym = Long.parseLong(m.group(2), 16);
        } else if ((m = LOOKUP.matcher(line)).find()) {
            text = m.group(2) == null ? "" : utf8(m.group(2));
        } else if (line.strip().startsWith("XFilterEvent returns")) {
            keys.accept(new XevWindow.Typed(type.equals("KeyPress"), keycode, keysym, text));
            type = null;
        }
    }

    private static String utf8(String hexBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String hex : hexBytes.strip().split("\\s+")) {
            bytes.write(Integer.parseInt(hex, 16));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
