package io.lumen.wayland;

/**
 * Wayland's {@code fixed} type: a signed 24.8 fixed-point number in 32 bits (1.0 is 256), the type of pointer
 * coordinates and scroll amounts on the wire. Conversion rounds to the nearest 1/256; values beyond its range
 * (about ±8.4 million) saturate instead of wrapping.
 */
public final class Fixed {

    public static final int ONE = 256;

    private Fixed() {
    }

    public static int of(double value) {
        double scaled = Math.rint(value * ONE);
        if (scaled >= Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        if (scaled <= Integer.MIN_VALUE) {
            return Integer.MIN_VALUE;
        }
        return (int) scaled;
    }

    public static double toDouble(int fixed) {
        return fixed / (double) ONE;
    }
}
