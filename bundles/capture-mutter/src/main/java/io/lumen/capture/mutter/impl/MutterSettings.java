package io.lumen.capture.mutter.impl;

import io.lumen.dbus.SessionBuses;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where Mutter is and how lumen's casts look: the session bus (the {@value SessionBuses#SETTING} setting, else
 * DBUS_SESSION_BUS_ADDRESS, else XDG_RUNTIME_DIR/bus), {@value #TIMEOUT_PROPERTY} for how long Mutter may take to
 * answer (a call, the stream's PipeWire node), and {@value #CURSOR_PROPERTY}: {@code embedded} (the default: the
 * pointer drawn into the picture, as a client expects), {@code hidden} or {@code metadata}.
 *
 * @param address    the session bus's address, empty when none was found
 * @param timeout    how long Mutter may take to answer
 * @param cursorMode Mutter's cursor-mode value: 0 hidden, 1 embedded, 2 metadata
 */
record MutterSettings(Optional<String> address, Duration timeout, int cursorMode) {

    static final String TIMEOUT_PROPERTY = "lumen.mutter.timeout-ms";
    static final String CURSOR_PROPERTY = "lumen.mutter.cursor";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> CURSOR_MODES = List.of("hidden", "embedded", "metadata");

    /** From framework properties ({@code config}) and the environment; a bad value is refused with its name. */
    static MutterSettings read(UnaryOperator<String> config, UnaryOperator<String> environment) {
        Duration timeout = DEFAULT_TIMEOUT;
        String millis = config.apply(TIMEOUT_PROPERTY);
        if (millis != null && !millis.isBlank()) {
            try {
                timeout = Duration.ofMillis(Long.parseLong(millis.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(TIMEOUT_PROPERTY + "=" + millis + " is not a number of milliseconds");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(TIMEOUT_PROPERTY + "=" + millis + " is not a positive time");
            }
        }
        int cursor = 1;
        String mode = config.apply(CURSOR_PROPERTY);
        if (mode != null && !mode.isBlank()) {
            cursor = CURSOR_MODES.indexOf(mode.strip().toLowerCase(Locale.ROOT));
            if (cursor < 0) {
                throw new IllegalArgumentException(CURSOR_PROPERTY + "=" + mode + " is none of " + CURSOR_MODES);
            }
        }
        return new MutterSettings(SessionBuses.address(config, environment), timeout, cursor);
    }

    /** A bus given directly, as tests and tools do. */
    static MutterSettings of(String address, Duration timeout) {
        return new MutterSettings(Optional.of(address), timeout, 1);
    }

    String cursorName() {
        return CURSOR_MODES.get(cursorMode);
    }

    /** Why Mutter cannot be reached without asking the bus: no address, or a socket that is not there. */
    Optional<String> unreachable() {
        return address.isEmpty() ? Optional.of(SessionBuses.noAddress()) : SessionBuses.unreachable(address.get());
    }

    String describe() {
        return address.map(a -> "session bus " + a).orElse("no session bus");
    }
}
