package io.lumen.capture.portal.impl;

import io.lumen.dbus.SessionBuses;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the portal is and how long lumen waits for it.
 *
 * @param bus            the session bus address (see {@link SessionBuses}), empty when nothing names one
 * @param callTimeout    {@value #CALL_TIMEOUT}: a portal call that asks the user nothing (CreateSession,
 *                       SelectSources, OpenPipeWireRemote)
 * @param consentTimeout {@value #CONSENT_TIMEOUT}: how long the user may take to answer the desktop's dialog;
 *                       a stream's start waits this long at most, with a log line saying what it waits for
 * @param tokens         {@value #TOKENS}: the directory of remembered consents (the portal's restore tokens),
 *                       by default {@code capture-portal/} in lumen's data directory
 */
record PortalSettings(Optional<String> bus, Duration callTimeout, Duration consentTimeout, Path tokens) {

    static final String CALL_TIMEOUT = "lumen.portal.timeout-ms";
    static final String CONSENT_TIMEOUT = "lumen.portal.consent-timeout-ms";
    static final String TOKENS = "lumen.portal.tokens";
    static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Long enough to walk to the desktop and pick a monitor, short enough that a forgotten dialog is noticed. */
    static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(90);

    /** From framework properties ({@code config}) and the environment. */
    static PortalSettings read(UnaryOperator<String> config, UnaryOperator<String> environment) {
        String tokens = config.apply(TOKENS);
        Path directory;
        if (tokens != null && !tokens.isBlank()) {
            directory = Path.of(tokens.strip());
        } else {
            String data = config.apply("lumen.data");
            String home = config.apply("lumen.home");
            directory = (data != null && !data.isBlank() ? Path.of(data.strip())
                    : Path.of(home != null && !home.isBlank() ? home.strip() : ".").resolve("data"))
                    .resolve("capture-portal");
        }
        return new PortalSettings(SessionBuses.address(config, environment),
                millis(config.apply(CALL_TIMEOUT), DEFAULT_CALL_TIMEOUT),
                millis(config.apply(CONSENT_TIMEOUT), DEFAULT_CONSENT_TIMEOUT), directory.toAbsolutePath());
    }

    /** A bad number keeps the default: a typo in a setting must not stop the capture. */
    private static Duration millis(String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long millis = Long.parseLong(value.strip());
            return millis > 0 ? Duration.ofMillis(millis) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    String describe() {
        return "bus " + bus.orElse("(none)") + ", consents in " + tokens + ", dialog answered within "
                + consentTimeout.toSeconds() + " s";
    }
}
