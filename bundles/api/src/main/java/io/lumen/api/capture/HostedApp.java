package io.lumen.api.capture;

import java.util.List;
import java.util.Map;

/**
 * An app command line as an {@link AppHost} runs it.
 *
 * @param commandLine    the program and its arguments, run without a shell
 * @param captureOptions options for every capture of the launch: how the host finds what it runs
 * @since 1.2
 */
public record HostedApp(List<String> commandLine, Map<String, String> captureOptions) {

    public HostedApp {
        commandLine = List.copyOf(commandLine);
        captureOptions = Map.copyOf(captureOptions);
        if (commandLine.isEmpty()) {
            throw new IllegalArgumentException("a hosted app needs a command line");
        }
    }
}
