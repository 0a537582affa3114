package io.lumen.api.input;

/** Which wheel turned: the usual one, or a tilt wheel or a touchpad's sideways swipe. */
public enum ScrollAxis {
    VERTICAL, HORIZONTAL
}
