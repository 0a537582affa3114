package io.lumen.input.remotedesktop.impl;

import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;

/**
 * From the client's events to the numbers a remote desktop takes, Mutter's and the portal's alike (button codes and
 * axis numbers are {@link io.lumen.api.input.PointerCodes}'): wheel steps and scroll pixels, positions in the
 * streamed monitor's pixels, X keysyms for typed characters.
 */
final class Translation {

    /**
     * How far a smooth scroll of one notch goes, in a remote desktop's scroll pixels: Mutter (and through it GNOME's
     * portal) counts a wheel step as 10 of them, so a touchpad's fraction of a notch scrolls as far as that fraction
     * of a wheel step would.
     */
    static final double PIXELS_PER_NOTCH = 10.0;
    /** What {@link #keysym} gives for a character no keysym stands for. */
    static final int NO_KEYSYM = 0;

    private Translation() {
    }

    /** Whether {@code scroll} is whole wheel notches, which go as discrete steps, or a smooth amount. */
    static boolean wholeNotches(Scroll scroll) {
        return scroll.amount() % Scroll.NOTCH == 0;
    }

    /** Wheel steps for whole notches: the client counts up (away from the user) as positive, a remote desktop down. */
    static int steps(Scroll scroll) {
        int notches = scroll.amount() / Scroll.NOTCH;
        return scroll.axis() == ScrollAxis.VERTICAL ? -notches : notches;
    }

    /** A smooth amount in a remote desktop's scroll pixels, with the same flip of the vertical sense. */
    static double pixels(Scroll scroll) {
        double notches = scroll.amount() / (double) Scroll.NOTCH;
        return (scroll.axis() == ScrollAxis.VERTICAL ? -notches : notches) * PIXELS_PER_NOTCH;
    }

    /** A point of the client's view, scaled so both edges of the view reach both edges of the monitor. */
    static double[] position(MousePosition position, int width, int height) {
        return new double[]{scale(position.x(), position.referenceWidth() - 1, width - 1),
                scale(position.y(), position.referenceHeight() - 1, height - 1)};
    }

    /** A point of 0..1 across and down the video (touch), on the monitor. */
    static double[] position(float x, float y, int width, int height) {
        return new double[]{x * Math.max(0, width - 1.0), y * Math.max(0, height - 1.0)};
    }

    private static double scale(int value, int range, int target) {
        return range <= 0 ? 0 : value * (double) Math.max(0, target) / range;
    }

    /**
     * The X keysym that types {@code codePoint}: the keys a text field needs by name, Latin-1 as itself, every other
     * character as 0x01000000 plus its code point (X's rule for Unicode keysyms). {@link #NO_KEYSYM} for control
     * characters and surrogates.
     */
    static int keysym(int codePoint) {
        return switch (codePoint) {
            case '\n', '\r' -> 0xff0d; // Return
            case '\t' -> 0xff09; // Tab
            case '\b' -> 0xff08; // BackSpace
            case 0x7f -> 0xffff; // Delete
            default -> {
                if ((codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff)) {
                    yield codePoint;
                }
                if (codePoint < 0x100 || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) {
                    yield NO_KEYSYM;
                }
                yield 0x0100_0000 | codePoint;
            }
        };
    }
}
