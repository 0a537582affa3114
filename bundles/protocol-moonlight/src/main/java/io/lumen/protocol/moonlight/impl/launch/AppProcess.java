package io.lumen.protocol.moonlight.impl.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An app's command line (its command through {@code /bin/sh -c}, or an app host's around it), with its output
 * appended to a log file, and stopped with everything it started: SIGTERM to the whole tree, then SIGKILL to what
 * is left after a grace period.
 */
final class AppProcess {

    static final long GRACE_MILLIS = 5000;

    private final Process process;

    private AppProcess(Process process) {
        this.process = process;
    }

    /** An app entry's command, a shell command line. */
    static List<String> shell(String command) {
        return List.of("/bin/sh", "-c", command);
    }

    static AppProcess start(List<String> commandLine, Path logFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(commandLine)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return new AppProcess(builder.start());
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Stops the tree; returns once every process of it is gone or killed. */
    void stop() {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.toHandle().destroy();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
        for (ProcessHandle handle : concat(process.toHandle(), tree)) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }

    private static List<ProcessHandle> concat(ProcessHandle first, List<ProcessHandle> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
