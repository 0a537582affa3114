package io.lumen.testkit.pipewire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starting and reliably ending the helper processes of this package; the daemon and producers share it. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Starts {@code command} with the daemon's client environment, its output appended to {@code log}. */
    static Process start(List<String> command, java.util.Map<String, String> environment, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("PIPEWIRE_REMOTE");
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException(command.getFirst() + " could not be started (bash .ci/run installs it): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Ends {@code process} and everything it started (dbus-run-session's bus and WirePlumber): politely first,
     * then by force, so no test leaves a daemon behind.
     */
    static void endTree(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }

    /** The last {@code lines} lines of a log, for failure messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is untidy, not wrong
        }
    }
}
