package io.lumen.api.input;

/** What one pointer of a touch screen, pen or pad touchpad did. */
public enum TouchAction {
    /** Above the surface without touching it; the pressure field carries the distance. */
    HOVER,
    DOWN,
    UP,
    MOVE,
    /** This pointer's touch is void (not an up: nothing it started should complete); only its id is meaningful. */
    CANCEL,
    /** Only the pen's buttons changed; position, pressure, rotation and tilt are not meaningful. */
    BUTTON_ONLY,
    /** A hovering pointer left the detectable range. */
    HOVER_LEAVE,
    /** Every active touch is void (the client lost focus); no field but the session is meaningful. */
    CANCEL_ALL
}
