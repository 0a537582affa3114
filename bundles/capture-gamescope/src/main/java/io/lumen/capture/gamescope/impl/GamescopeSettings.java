package io.lumen.capture.gamescope.impl;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The backend's settings.
 *
 * @param binary      {@code lumen.gamescope.binary}: the gamescope executable, a name looked up on PATH or a path
 * @param attach      {@code LUMEN_GAMESCOPE_NODE} (environment) or {@code lumen.gamescope.node}: a running gamescope's
 *                    node id to attach to when no app launch started one, or {@value #RUNNING} to find it in the
 *                    registry
 * @param nodeTimeout {@code lumen.gamescope.node-timeout-ms}: how long a launched gamescope may take to advertise
 *                    its node (it initialises Vulkan and its backend first)
 */
record GamescopeSettings(String binary, Optional<String> attach, Duration nodeTimeout) {

    static final String RUNNING = "running";
    static final String ATTACH_ENV = "LUMEN_GAMESCOPE_NODE";

    GamescopeSettings {
        attach = attach.map(String::strip).filter(s -> !s.isEmpty());
        if (binary == null || binary.isBlank()) {
            binary = "gamescope";
        }
    }

    static GamescopeSettings defaults() {
        return new GamescopeSettings("gamescope", Optional.empty(), Duration.ofSeconds(10));
    }

    /** From framework properties ({@code config}) and the environment; the environment's node wins. */
    static GamescopeSettings read(Function<String, String> config, Function<String, String> environment) {
        Optional<String> attach = Optional.ofNullable(environment.apply(ATTACH_ENV)).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(config.apply("lumen.gamescope.node")));
        String timeout = config.apply("lumen.gamescope.node-timeout-ms");
        Duration nodeTimeout;
        try {
            nodeTimeout = timeout == null || timeout.isBlank() ? Duration.ofSeconds(10)
                    : Duration.ofMillis(Long.parseLong(timeout.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("lumen.gamescope.node-timeout-ms is not a number of milliseconds: "
                    + timeout, e);
        }
        return new GamescopeSettings(config.apply("lumen.gamescope.binary"), attach, nodeTimeout);
    }

    /** The attach setting as {@code lumen:gamescope} shows it. */
    String describeAttach() {
        return attach.map(a -> "attach to " + (a.equals(RUNNING) ? "the running gamescope (registry)" : "node " + a))
                .orElse("no attach setting: apps launched with capture = gamescope run inside a gamescope of their"
                        + " own (" + ATTACH_ENV + " or lumen.gamescope.node unset)");
    }
}
