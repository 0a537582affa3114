package io.lumen.api.input;

/** Mouse buttons; X1 is the back side button, X2 the forward one (Windows' XBUTTON1 and XBUTTON2). */
public enum MouseButton {
    LEFT, MIDDLE, RIGHT, X1, X2
}
