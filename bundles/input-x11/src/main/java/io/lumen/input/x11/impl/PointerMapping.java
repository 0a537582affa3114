package io.lumen.input.x11.impl;

/**
 * Where a point of the client's view lands on the X screen: {@code x * (screen - 1) / (reference - 1)}, rounded to
 * the nearest pixel, so the client's first and last column land on the screen's first and last.
 */
final class PointerMapping {

    private PointerMapping() {
    }

    static int scale(int position, int reference, int screen) {
        if (reference < 2 || screen < 1) {
            throw new IllegalArgumentException("cannot scale " + position + " of " + reference + " to " + screen);
        }
        long span = reference - 1L;
        long scaled = (position * (screen - 1L) * 2 + span) / (span * 2);
        return (int) Math.clamp(scaled, 0, screen - 1L);
    }
}
