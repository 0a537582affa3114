package io.lumen.capture.kwin.impl;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where KWin is and how long it may take to answer.
 *
 * @param display  the Wayland socket as an absolute path; empty when it cannot be worked out ({@code reason} says why)
 * @param origin   which setting named it ("LUMEN_KWIN_DISPLAY", "lumen.kwin.display", "WAYLAND_DISPLAY", "default")
 * @param reason   why there is no display path (a relative name with no XDG_RUNTIME_DIR); empty otherwise
 * @param timeout  {@code lumen.kwin.timeout-ms}: how long KWin may take to answer a request (connect, registry,
 *                 a stream's created or failed event)
 */
record KwinSettings(Optional<String> display, String origin, Optional<String> reason, Duration timeout) {

    static final String DISPLAY_ENV = "LUMEN_KWIN_DISPLAY";
    static final String DISPLAY_PROPERTY = "lumen.kwin.display";
    static final String TIMEOUT_PROPERTY = "lumen.kwin.timeout-ms";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * From framework properties ({@code config}) and the environment. The display: {@value #DISPLAY_ENV}, else
     * {@value #DISPLAY_PROPERTY}, else the session's WAYLAND_DISPLAY, else wayland-0; a name that is not an absolute
     * path lies in XDG_RUNTIME_DIR, as libwayland-client resolves it.
     */
    static KwinSettings read(Function<String, String> config, Function<String, String> environment) {
        String origin = DISPLAY_ENV;
        String name = blankToNull(environment.apply(DISPLAY_ENV));
        if (name == null) {
            origin = DISPLAY_PROPERTY;
            name = blankToNull(config.apply(DISPLAY_PROPERTY));
        }
        if (name == null) {
            origin = "WAYLAND_DISPLAY";
            name = blankToNull(environment.apply("WAYLAND_DISPLAY"));
        }
        if (name == null) {
            origin = "default";
            name = "wayland-0";
        }
        String timeout = blankToNull(config.apply(TIMEOUT_PROPERTY));
        Duration answerTimeout;
        try {
            answerTimeout = timeout == null ? DEFAULT_TIMEOUT : Duration.ofMillis(Long.parseLong(timeout));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TIMEOUT_PROPERTY + " is not a number of milliseconds: " + timeout, e);
        }
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException(TIMEOUT_PROPERTY + " must be positive, not " + timeout);
        }
        if (name.startsWith("/")) {
            return new KwinSettings(Optional.of(name), origin, Optional.empty(), answerTimeout);
        }
        String runtimeDir = blankToNull(environment.apply("XDG_RUNTIME_DIR"));
        if (runtimeDir == null) {
            return new KwinSettings(Optional.empty(), origin, Optional.of("the Wayland display \"" + name + "\" (" + origin
                    + ") is a name in XDG_RUNTIME_DIR, which is not set; give " + DISPLAY_ENV + " or "
                    + DISPLAY_PROPERTY + " as an absolute socket path"), answerTimeout);
        }
        return new KwinSettings(Optional.of(runtimeDir.replaceAll("/+$", "") + "/" + name), origin, Optional.empty(),
                answerTimeout);
    }

    /** A display given directly, as tests and tools do. */
    static KwinSettings of(String absolutePath, Duration timeout) {
        return new KwinSettings(Optional.of(absolutePath), "given", Optional.empty(), timeout);
    }

    /** "/run/user/1000/wayland-0 (WAYLAND_DISPLAY)" for lumen:kwin. */
    String describe() {
        return display.map(d -> d + " (" + origin + ")").orElseGet(reason::orElseThrow) + "; answer timeout "
                + timeout.toMillis() + " ms";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
