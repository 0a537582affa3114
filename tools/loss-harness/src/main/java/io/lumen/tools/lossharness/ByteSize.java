package io.lumen.tools.lossharness;

import java.util.Locale;

/** Frame sizes in decimal units (1 kB = 1000 bytes), as bitrates count them: "2.08 MB" is a 1 Gbit/s frame at 60 fps. */
final class ByteSize {

    private static final int KB = 1000;
    private static final int MB = 1000 * KB;

    private ByteSize() {
    }

    /** {@code 1392}, {@code 10k}, {@code 1.5m} (kB and MB accepted); throws IllegalArgumentException otherwise. */
    static int parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int unit = 1;
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.endsWith("k")) {
            unit = KB;
        } else if (t.endsWith("m")) {
            unit = MB;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double bytes = Double.parseDouble(t) * unit;
            if (!(bytes >= 1 && bytes <= Integer.MAX_VALUE - 1024)) {
                throw new IllegalArgumentException("a frame size is from 1 byte to 2 GB, not " + text);
            }
            return (int) Math.round(bytes);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("a size is written 1392, 10k or 1.5m, not " + text);
        }
    }

    static String format(long bytes) {
        if (bytes >= MB) {
            return trim(bytes / (double) MB) + " MB";
        }
        if (bytes >= KB) {
            return trim(bytes / (double) KB) + " kB";
        }
        return bytes + " B";
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }
}
