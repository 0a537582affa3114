package io.lumen.api.input;

/**
 * The kind of pad the client holds, so the host can plug in a virtual pad of the same family (button glyphs,
 * touchpad, gyro). {@link #UNKNOWN} leaves the choice to the host; a kind newer than this package arrives as
 * {@link #UNKNOWN} too.
 */
public enum GamepadType {
    UNKNOWN, XBOX, PLAYSTATION, NINTENDO,
    /** Valve's Steam Controller: an Xbox layout plus two touchpads, motion sensors and grip buttons. */
    STEAM
}
