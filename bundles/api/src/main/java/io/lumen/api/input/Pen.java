package io.lumen.api.input;

import java.util.Objects;

/**
 * The client's stylus, over the video: (0, 0) is its top-left corner, (1, 1) its bottom-right one. One pen at a
 * time, so no pointer id.
 *
 * @param sessionId          the session whose client sent it
 * @param action             what the pen did; for {@link TouchAction#BUTTON_ONLY} only {@code buttons} means
 *                           anything
 * @param tool               which end touches
 * @param buttons            the barrel buttons held, 0..255: {@link PenButton} bits, others kept as sent
 * @param x                  0..1 across the video
 * @param y                  0..1 down the video
 * @param pressureOrDistance 0..1: the pressure when touching, the distance from the screen when hovering; 0 when
 *                           the client cannot tell
 * @param contactMajor       0..1, the major axis of the contact ellipse, in the same units as x; 0 when unknown
 * @param contactMinor       0..1, its minor axis; 0 when unknown
 * @param rotation           0..359 degrees clockwise from vertical, or {@value #UNKNOWN_ROTATION} when unknown
 * @param tilt               0..90 degrees away from perpendicular to the screen, or {@value #UNKNOWN_TILT}
 */
public record Pen(String sessionId, TouchAction action, PenTool tool, int buttons, float x, float y,
                  float pressureOrDistance, float contactMajor, float contactMinor, int rotation, int tilt)
        implements InputEvent {

    public static final int UNKNOWN_ROTATION = -1;
    public static final int UNKNOWN_TILT = -1;

    public Pen {
        Check.session(sessionId);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(tool, "tool");
        Check.range("pen buttons", buttons, 0, 255);
        Check.unit("x", x);
        Check.unit("y", y);
        Check.unit("pressure or distance", pressureOrDistance);
        Check.unit("contact major axis", contactMajor);
        Check.unit("contact minor axis", contactMinor);
        Check.range("rotation", rotation, UNKNOWN_ROTATION, 359);
        Check.range("tilt", tilt, UNKNOWN_TILT, 90);
    }

    public boolean pressed(PenButton button) {
        return (buttons & button.flag()) != 0;
    }
}
