package io.lumen.wayland;

/**
 * One {@code wl_output} as the compositor described it.
 *
 * @param name           the output's name (wl_output version 4, e.g. "Virtual-1"); older compositors: make and model
 * @param description    the compositor's human-readable description, empty when it sent none
 * @param x              the output's left edge in the compositor's global space (wl_output.geometry)
 * @param y              its top edge
 * @param width          the current mode's width in pixels, 0 before a mode arrived
 * @param refreshMilliHz the current mode's refresh rate in mHz
 * @param scale          the integer scale factor
 */
public record OutputInfo(String name, String description, int x, int y, int width, int height, int refreshMilliHz,
                         int scale) {

    /** "Virtual-1 1920x1080@60 Hz scale 1 (KWin virtual output)", as diagnostics list outputs. */
    public String describe() {
        String mode = width == 0 ? "no mode yet" : width + "x" + height + "@" + Math.round(refreshMilliHz / 1000.0) + " Hz";
        return name + " " + mode + " scale " + scale + (description.isBlank() ? "" : " (" + description.strip() + ")");
    }

    /**
     * The width the output covers in the compositor's global (logical) space: the mode divided by the integer
     * scale. A fractional scale (which wl_output reports rounded up) makes this smaller than the real extent.
     */
    public int logicalWidth() {
        return width / Math.max(1, scale);
    }

    public int logicalHeight() {
        return height / Math.max(1, scale);
    }
}
