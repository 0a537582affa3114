package io.lumen.input.x11.impl;

import io.lumen.api.input.Scroll;

/**
 * Turns high-resolution scroll amounts (1/120 of a notch) into the whole notches an X client understands: core X
 * has only wheel buttons, one click per notch. What is left of a notch carries over to the next amount, so a
 * touchpad's stream of small amounts scrolls as far as a wheel would. One per axis and session.
 */
final class ScrollAccumulator {

    private int remainder;

    /**
     * Adds {@code amount} and returns the whole notches it completes: positive away from the user (up) or to the
     * right, negative the other way. A change of direction drops what was left of the other way, so half a notch
     * down followed by half a notch up does not cancel out into nothing, and the first notch back is a whole one.
     */
    int add(int amount) {
        if (amount == 0) {
            return 0;
        }
        if (Integer.signum(amount) != Integer.signum(remainder)) {
            remainder = 0;
        }
        remainder += amount;
        int notches = remainder / Scroll.NOTCH;
        remainder -= notches * Scroll.NOTCH;
        return notches;
    }

    /** What is carried towards the next notch, in 1/120 notch units. */
    int remainder() {
        return remainder;
    }
}
