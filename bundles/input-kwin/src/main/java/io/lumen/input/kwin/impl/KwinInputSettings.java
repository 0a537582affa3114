package io.lumen.input.kwin.impl;

import io.lumen.wayland.WaylandSettings;

import java.util.function.Function;

/**
 * Where KWin is: the same settings as the KWin capture's, so one setting aims both at one desktop:
 * {@value #DISPLAY_ENV} (environment), else {@value #DISPLAY_PROPERTY}, else the session's WAYLAND_DISPLAY, else
 * wayland-0; {@value #TIMEOUT_PROPERTY} for how long KWin may take to answer while connecting.
 */
final class KwinInputSettings {

    static final String DISPLAY_ENV = "LUMEN_KWIN_DISPLAY";
    static final String DISPLAY_PROPERTY = "lumen.kwin.display";
    static final String TIMEOUT_PROPERTY = "lumen.kwin.timeout-ms";

    private KwinInputSettings() {
    }

    static WaylandSettings read(Function<String, String> config, Function<String, String> environment) {
        return WaylandSettings.read(DISPLAY_ENV, DISPLAY_PROPERTY, TIMEOUT_PROPERTY, config, environment);
    }
}
