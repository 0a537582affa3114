package io.lumen.input.kwin.impl;

import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.wayland.OutputInfo;

/**
 * From the client's events to fake input's numbers (button codes and axis numbers are
 * {@link io.lumen.api.input.PointerCodes}'): KWin's scroll units, and positions in KWin's global (logical)
 * coordinate space.
 */
final class Translation {

    /**
     * What KWin's pointer axis carries for one wheel notch: libinput reports a click as 15 degrees and KWin 5.27
     * passes fake input's value on unchanged (no discrete steps), so 15 reads as one notch to its clients.
     */
    static final double AXIS_PER_NOTCH = 15.0;

    private Translation() {
    }

    /**
     * The axis value: the client's positive is up (away from the user) or right, Wayland's vertical positive is
     * down, so the vertical sense flips; 120 client units are one notch.
     */
    static double axisValue(Scroll scroll) {
        double notches = scroll.amount() / (double) Scroll.NOTCH;
        return (scroll.axis() == ScrollAxis.VERTICAL ? -notches : notches) * AXIS_PER_NOTCH;
    }

    /** A point of the client's view, scaled so both edges of the view reach both edges of the output. */
    static double[] position(MousePosition position, OutputInfo output) {
        return new double[]{
                output.x() + scale(position.x(), position.referenceWidth() - 1, output.logicalWidth() - 1),
                output.y() + scale(position.y(), position.referenceHeight() - 1, output.logicalHeight() - 1)};
    }

    /** A point of 0..1 across and down the video (touch), on the output. */
    static double[] position(float x, float y, OutputInfo output) {
        return new double[]{output.x() + x * (output.logicalWidth() - 1.0),
                output.y() + y * (output.logicalHeight() - 1.0)};
    }

    private static double scale(int value, int range, int target) {
        return range <= 0 ? 0 : value * (double) Math.max(0, target) / range;
    }
}
