package io.lumen.wayland;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which compositor a backend talks to and how long it may take to answer, from the backend's own settings and the
 * session's environment.
 *
 * @param display the Wayland socket as an absolute path; empty when it cannot be worked out ({@code reason} says why)
 * @param origin  which setting named it (the backend's environment variable or property, "WAYLAND_DISPLAY",
 *                "default")
 * @param reason  why there is no display path (a relative name with no XDG_RUNTIME_DIR); empty otherwise
 * @param timeout how long the compositor may take to answer a request (connect, registry, a reply event)
 */
public record WaylandSettings(Optional<String> display, String origin, Optional<String> reason, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The display: the environment's {@code displayEnv}, else the framework property {@code displayProperty}, else
     * the session's WAYLAND_DISPLAY, else wayland-0; a name that is not an absolute path lies in XDG_RUNTIME_DIR, as
     * libwayland-client resolves it. The timeout: {@code timeoutProperty} in milliseconds, else 5 s.
     *
     * @throws IllegalArgumentException when the timeout is not a positive number of milliseconds
     */
    public static WaylandSettings read(String displayEnv, String displayProperty, String timeoutProperty,
                                       Function<String, String> config, Function<String, String> environment) {
        String origin = displayEnv;
        String name = blankToNull(environment.apply(displayEnv));
        if (name == null) {
            origin = displayProperty;
            name = blankToNull(config.apply(displayProperty));
        }
        if (name == null) {
            origin = "WAYLAND_DISPLAY";
            name = blankToNull(environment.apply("WAYLAND_DISPLAY"));
        }
        if (name == null) {
            origin = "default";
            name = "wayland-0";
        }
        String timeout = blankToNull(config.apply(timeoutProperty));
        Duration answerTimeout;
        try {
            answerTimeout = timeout == null ? DEFAULT_TIMEOUT : Duration.ofMillis(Long.parseLong(timeout));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(timeoutProperty + " is not a number of milliseconds: " + timeout, e);
        }
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException(timeoutProperty + " must be positive, not " + timeout);
        }
        if (name.startsWith("/")) {
            return new WaylandSettings(Optional.of(name), origin, Optional.empty(), answerTimeout);
        }
        String runtimeDir = blankToNull(environment.apply("XDG_RUNTIME_DIR"));
        if (runtimeDir == null) {
            return new WaylandSettings(Optional.empty(), origin, Optional.of("the Wayland display \"" + name + "\" ("
                    + origin + ") is a name in XDG_RUNTIME_DIR, which is not set; give " + displayEnv + " or "
                    + displayProperty + " as an absolute socket path"), answerTimeout);
        }
        return new WaylandSettings(Optional.of(runtimeDir.replaceAll("/+$", "") + "/" + name), origin,
                Optional.empty(), answerTimeout);
    }

    /** A display given directly, as tests and tools do. */
    public static WaylandSettings of(String absolutePath, Duration timeout) {
        return new WaylandSettings(Optional.of(absolutePath), "given", Optional.empty(), timeout);
    }

    /** "/run/user/1000/wayland-0 (WAYLAND_DISPLAY); answer timeout 5000 ms", for diagnostics. */
    public String describe() {
        return display.map(d -> d + " (" + origin + ")").orElseGet(reason::orElseThrow) + "; answer timeout "
                + timeout.toMillis() + " ms";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
