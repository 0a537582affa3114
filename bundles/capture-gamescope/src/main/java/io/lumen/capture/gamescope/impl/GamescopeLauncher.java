package io.lumen.capture.gamescope.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.media.VideoMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The command line of gamescope around an app at the client's size and refresh rate:
 * {@code gamescope -W w -H h -w w -h h -r fps [--headless] -- sh -c <app command>}. Output and nested sizes are
 * both the client's, so nothing is scaled.
 * {@code --headless} is passed when the binary's help lists it (3.13 and later; 3.11 has only nested and DRM
 * backends).
 */
final class GamescopeLauncher {

    private final String binary;
    private volatile Boolean headless;

    GamescopeLauncher(String binary) {
        this.binary = binary;
    }

    /** The gamescope command line for {@code appCommand}, a shell command line as an app entry names it. */
    static List<String> command(String binary, VideoMode mode, boolean headless, String appCommand) {
        List<String> command = new ArrayList<>(List.of(binary,
                "-W", Integer.toString(mode.width()), "-H", Integer.toString(mode.height()),
                "-w", Integer.toString(mode.width()), "-h", Integer.toString(mode.height()),
                "-r", Integer.toString(mode.fps())));
        if (headless) {
            command.add("--headless");
        }
        command.addAll(List.of("--", "sh", "-c", appCommand));
        return List.copyOf(command);
    }

    /** The executable the binary setting names: itself when it is a path, else the first match on PATH. */
    Optional<Path> locate() {
        if (binary.contains("/")) {
            Path path = Path.of(binary);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                return Optional.of(Path.of(dir, binary));
            }
        }
        return Optional.empty();
    }

    /** "gamescope not found on PATH" (or at its configured path), or empty when it is there. */
    Optional<String> unavailableReason() {
        if (locate().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(binary.contains("/") ? "gamescope not found at " + binary
                : binary + " not found on PATH");
    }

    /** The command line that runs {@code appCommand} inside gamescope at {@code mode}; refused when it is absent. */
    List<String> commandLine(VideoMode mode, String appCommand) throws BackendException {
        Path executable = locate().orElseThrow(() -> new BackendException("gamescope is unavailable: "
                + unavailableReason().orElse("")));
        return command(executable.toString(), mode, supportsHeadless(executable), appCommand);
    }

    /** Whether {@code --help} lists {@code --headless}; asked once per binary. */
    private boolean supportsHeadless(Path executable) {
        Boolean known = headless;
        if (known == null) {
            known = helpMentionsHeadless(executable);
            headless = known;
        }
        return known;
    }

    private static boolean helpMentionsHeadless(Path executable) {
        Path helpText = null;
        try {
            // into a file, so a help that never ends cannot block the reader: it is given 3 s
            helpText = Files.createTempFile("lumen-gamescope-help", ".txt");
            Process help = new ProcessBuilder(executable.toString(), "--help").redirectErrorStream(true)
                    .redirectOutput(helpText.toFile()).start();
            if (!help.waitFor(3, TimeUnit.SECONDS)) {
                help.destroyForcibly();
            }
            return Files.readString(helpText, StandardCharsets.ISO_8859_1).contains("--headless");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (helpText != null) {
                try {
                    Files.deleteIfExists(helpText);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
