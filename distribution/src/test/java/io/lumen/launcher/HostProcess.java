package io.lumen.launcher;

import io.lumen.testkit.Poll;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The assembled host run as an operator runs it: {@code bin/lumen --headless} in its own process, its output
 * collected, and {@code bin/lumen cmd} from "another terminal". {@code javaOptions} go to LUMEN_JAVA_OPTS.
 */
final class HostProcess implements AutoCloseable {

    static final Path DIST = Path.of(System.getProperty("lumen.dist", "target/lumen")).toAbsolutePath();

    record Result(int exit, String output) {
    }

    final Path data;
    private final String javaOptions;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private Process process;
    private Thread reader;

    HostProcess(Path data, String javaOptions) {
        this.data = data;
        this.javaOptions = javaOptions;
    }

    /** Starts the host and waits for it to say it is ready. */
    HostProcess start() throws Exception {
        lines.clear();
        ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/lumen").toString(), "--headless", "--data",
                data.toString()).redirectErrorStream(true);
        builder.environment().put("LUMEN_JAVA_OPTS", javaOptions);
        process = builder.start();
        Process started = process;
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the host is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        awaitLine("lumen ready in");
        return this;
    }

    Process process() {
        return process;
    }

    String awaitLine(String fragment) throws InterruptedException {
        Optional<String> line;
        try {
            line = Poll.every(Duration.ofMillis(20)).awaits("'" + fragment + "' from the host", Duration.ofSeconds(60),
                    () -> logged(fragment), logged -> logged.isPresent() || !process.isAlive());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it printed: " + lines, e);
        }
        return line.orElseGet(() -> fail("host exited (" + process.exitValue() + ") before '" + fragment + "': "
                + lines));
    }

    private Optional<String> logged(String fragment) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.contains(fragment)).findFirst();
        }
    }

    /** Checks a line was logged, after the host has exited. */
    void assertLoggedAfterExit(String fragment) throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(10)); // it reads to the end of the output, which closes at exit
        synchronized (lines) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(fragment)), "'" + fragment + "' logged: " + lines);
        }
    }

    Result cmd(String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/lumen").toString(), "--data",
                data.toString(), "cmd"));
        command.addAll(List.of(words));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }

    /** True when the host exits by itself with 0 within {@code timeout}. */
    boolean exitsCleanlyWithin(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() == 0;
    }

    /** SIGTERM, as a service manager sends it; true when the host exited with 0 within 30 s. */
    boolean stop() throws InterruptedException {
        process.toHandle().destroy(); // Process.destroy would also close our end of the host's output
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
