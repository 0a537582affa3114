package io.lumen.input.x11.impl;

import java.util.Optional;
import java.util.function.Function;

/**
 * Which X server the injector talks to.
 *
 * @param display the X display name (":0", ":1.0"); empty when no setting names one
 * @param origin  which setting named it ("LUMEN_X11_DISPLAY", "lumen.x11.display", "DISPLAY"), or "none"
 */
record X11Settings(Optional<String> display, String origin) {

    static final String DISPLAY_ENV = "LUMEN_X11_DISPLAY";
    static final String DISPLAY_PROPERTY = "lumen.x11.display";
    static final String NO_DISPLAY = "no X display (DISPLAY unset; set " + DISPLAY_PROPERTY + ")";

    /**
     * From framework properties ({@code config}) and the environment: {@value #DISPLAY_ENV}, else
     * {@value #DISPLAY_PROPERTY}, else the host's own DISPLAY. lumen's own settings come first because the host
     * often runs as a service whose DISPLAY, if any, is not the desktop being streamed.
     */
    static X11Settings read(Function<String, String> config, Function<String, String> environment) {
        String name = blankToNull(environment.apply(DISPLAY_ENV));
        if (name != null) {
            return new X11Settings(Optional.of(name), DISPLAY_ENV);
        }
        name = blankToNull(config.apply(DISPLAY_PROPERTY));
        if (name != null) {
            return new X11Settings(Optional.of(name), DISPLAY_PROPERTY);
        }
        name = blankToNull(environment.apply("DISPLAY"));
        if (name != null) {
            return new X11Settings(Optional.of(name), "DISPLAY");
        }
        return new X11Settings(Optional.empty(), "none");
    }

    /** A display given directly, as tests and tools do. */
    static X11Settings of(String display) {
        return new X11Settings(Optional.of(display), "given");
    }

    /** ":1 (LUMEN_X11_DISPLAY)", or why there is none. */
    String describe() {
        return display.map(d -> d + " (" + origin + ")").orElse(NO_DISPLAY);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
