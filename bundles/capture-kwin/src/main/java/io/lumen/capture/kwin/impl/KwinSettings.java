package io.lumen.capture.kwin.impl;

import io.lumen.wayland.WaylandSettings;

import java.time.Duration;
import java.util.function.Function;

/**
 * Where KWin is and how long it may take to answer: {@value #DISPLAY_ENV} (environment), else
 * {@value #DISPLAY_PROPERTY}, else the session's WAYLAND_DISPLAY, else wayland-0; {@value #TIMEOUT_PROPERTY} for
 * how long KWin may take to answer a request (connect, registry, a stream's created or failed event).
 */
final class KwinSettings {

    static final String DISPLAY_ENV = "LUMEN_KWIN_DISPLAY";
    static final String DISPLAY_PROPERTY = "lumen.kwin.display";
    static final String TIMEOUT_PROPERTY = "lumen.kwin.timeout-ms";

    private KwinSettings() {
    }

    /** From framework properties ({@code config}) and the environment. */
    static WaylandSettings read(Function<String, String> config, Function<String, String> environment) {
        return WaylandSettings.read(DISPLAY_ENV, DISPLAY_PROPERTY, TIMEOUT_PROPERTY, config, environment);
    }

    /** A display given directly, as tests and tools do. */
    static WaylandSettings of(String absolutePath, Duration timeout) {
        return WaylandSettings.of(absolutePath, timeout);
    }
}
