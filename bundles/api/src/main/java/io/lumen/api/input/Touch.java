package io.lumen.api.input;

import java.util.Objects;

/**
 * One finger on the client's touch screen, over the video: (0, 0) is its top-left corner, (1, 1) its
 * bottom-right one.
 *
 * @param sessionId          the session whose client sent it
 * @param action             what the finger did; for {@link TouchAction#CANCEL} only {@code pointerId} means
 *                           anything, for {@link TouchAction#CANCEL_ALL} nothing does
 * @param pointerId          0..2³²-1, constant for one finger from down to up
 * @param x                  0..1 across the video
 * @param y                  0..1 down the video
 * @param pressureOrDistance 0..1: the pressure when touching, the distance from the screen when hovering (1 the
 *                           farthest it senses); 0 when the client cannot tell
 * @param contactMajor       0..1, the major axis of the contact ellipse, in the same units as x; 0 when unknown
 * @param contactMinor       0..1, its minor axis; 0 when unknown
 * @param rotation           0..359 degrees clockwise from vertical of the ellipse's major axis, or
 *                           {@value #UNKNOWN_ROTATION} when unknown
 */
public record Touch(String sessionId, TouchAction action, long pointerId, float x, float y, float pressureOrDistance,
                    float contactMajor, float contactMinor, int rotation) implements InputEvent {

    public static final int UNKNOWN_ROTATION = -1;

    public Touch {
        Check.session(sessionId);
        Objects.requireNonNull(action, "action");
        Check.range("pointer id", pointerId, 0, 0xFFFF_FFFFL);
        Check.unit("x", x);
        Check.unit("y", y);
        Check.unit("pressure or distance", pressureOrDistance);
        Check.unit("contact major axis", contactMajor);
        Check.unit("contact minor axis", contactMinor);
        Check.range("rotation", rotation, UNKNOWN_ROTATION, 359);
    }
}
