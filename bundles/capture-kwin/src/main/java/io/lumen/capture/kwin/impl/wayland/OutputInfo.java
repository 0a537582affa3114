package io.lumen.capture.kwin.impl.wayland;

/**
 * One {@code wl_output} as the compositor described it.
 *
 * @param name           the output's name (wl_output version 4, e.g. "Virtual-1"); older compositors: make and model
 * @param description    the compositor's human-readable description, empty when it sent none
 * @param width          the current mode's width in pixels, 0 before a mode arrived
 * @param refreshMilliHz the current mode's refresh rate in mHz
 * @param scale          the integer scale factor
 */
public record OutputInfo(String name, String description, int width, int height, int refreshMilliHz, int scale) {

    /** "Virtual-1 1920x1080@60 Hz scale 1 (KWin virtual output)" for lumen:kwin. */
    public String describe() {
        String mode = width == 0 ? "no mode yet" : width + "x" + height + "@" + Math.round(refreshMilliHz / 1000.0) + " Hz";
        return name + " " + mode + " scale " + scale + (description.isBlank() ? "" : " (" + description.strip() + ")");
    }
}
