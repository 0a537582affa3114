package io.lumen.capture.gamescope.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A gamescope an app launcher runs for an app (see {@link GamescopeCaptureBackend#host}), known only from a launch's
 * capture options: the file its output goes to, where this launch's part of that file begins, and its pid. Nothing
 * here holds the process: any revision of this bundle finds the same gamescope again from the same options, which is
 * what lets the bundle be updated while gamescope runs.
 * <p>
 * The output is read as the launcher appends it, and fed to {@link GamescopeLog}; the advertised node is taken from
 * there. Thread-safe: reads are serialised.
 */
final class LaunchedGamescope {

    /** Capture option: the file gamescope's output is appended to. */
    static final String OUTPUT = "gamescope.output";
    /** Capture option: the size of that file when this launch began; earlier launches' lines come before it. */
    static final String OUTPUT_FROM = "gamescope.output.from";

    private static final Duration POLL = Duration.ofMillis(25);

    private final Path output;
    private final long from;
    private final OptionalLong pid;
    private final GamescopeLog log = new GamescopeLog();
    private final StringBuilder partialLine = new StringBuilder();
    private long readTo;

    LaunchedGamescope(Path output, long from, OptionalLong pid) {
        this.output = output;
        this.from = from;
        this.pid = pid;
        this.readTo = from;
    }

    /** The launched gamescope the options describe, if they describe one; malformed options are refused. */
    static Optional<LaunchedGamescope> from(Map<String, String> options) throws BackendException {
        String output = options.get(OUTPUT);
        if (output == null || output.isBlank()) {
            return Optional.empty();
        }
        long from = number(options, OUTPUT_FROM, "0");
        String pid = options.get(CaptureRequest.APP_PID);
        return Optional.of(new LaunchedGamescope(Path.of(output), from,
                pid == null ? OptionalLong.empty() : OptionalLong.of(number(options, CaptureRequest.APP_PID, pid))));
    }

    private static long number(Map<String, String> options, String key, String fallback) throws BackendException {
        String value = options.getOrDefault(key, fallback);
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BackendException("the capture option " + key + " is not a non-negative number: \"" + value
                    + "\"");
        }
    }

    OptionalLong pid() {
        return pid;
    }

    Path output() {
        return output;
    }

    /** Whether the process runs; true when no pid was given (nothing says otherwise). */
    boolean isAlive() {
        return pid.isEmpty() || ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The node gamescope advertised in this launch's output, waiting up to {@code timeout} for the line. Fails with
     * gamescope's reason when it exits first (a known failure in its own words, or its last lines), or when it
     * stays silent.
     */
    int awaitNode(Duration timeout) throws BackendException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean aliveBefore = isAlive();
            OptionalInt node = scan();
            if (node.isPresent()) {
                return node.getAsInt();
            }
            if (!aliveBefore) {
                // read once more after the exit was seen: its last lines may have landed in between
                throw new BackendException(describe() + " exited before advertising a PipeWire node: " + reason());
            }
            if (System.nanoTime() > deadline) {
                throw new BackendException(describe() + " advertised no PipeWire node within " + timeout.toMillis()
                        + " ms (a build without PipeWire never does): " + reason());
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException("interrupted waiting for gamescope's node", e);
            }
        }
    }

    /** "running, node 42", "starting", or "exited: <why, from its output>", as lumen:gamescope shows it. */
    String state() {
        OptionalInt node = scan();
        if (!isAlive()) {
            return "exited: " + reason();
        }
        return node.isPresent() ? "running, node " + node.getAsInt() : "starting";
    }

    /** What the output says went wrong, from everything of this launch read so far. */
    synchronized String reason() {
        return log.reason();
    }

    String describe() {
        return "gamescope" + (pid.isPresent() ? " (pid " + pid.getAsLong() + ")" : "");
    }

    /** Reads what was appended since the last read; returns the advertised node once there is one. */
    synchronized OptionalInt scan() {
        try (FileChannel channel = FileChannel.open(output, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (channel.read(buffer, readTo) > 0) {
                buffer.flip();
                readTo += buffer.remaining();
                lines(StandardCharsets.UTF_8.decode(buffer).toString());
                buffer.clear();
            }
        } catch (NoSuchFileException e) {
            // the launcher has not written anything yet
        } catch (IOException e) {
            System.getLogger("lumen.capture.gamescope").log(System.Logger.Level.DEBUG,
                    "reading gamescope's output " + output + ": " + e);
        }
        return log.advertisedNode();
    }

    private void lines(String text) {
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            partialLine.append(text, start, end);
            log.accept(partialLine.toString());
            partialLine.setLength(0);
            start = end + 1;
        }
        partialLine.append(text, start, text.length());
    }

    /** The size {@code output} has now: where a launch starting now begins in it. */
    static long sizeOf(Path output) {
        try {
            return Files.exists(output) ? Files.size(output) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
