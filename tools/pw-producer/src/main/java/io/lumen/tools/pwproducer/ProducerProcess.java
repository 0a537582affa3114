package io.lumen.tools.pwproducer;

import io.lumen.testkit.pipewire.PipeWireDaemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ProducerMain} in a JVM of its own, on this JVM's class path: its CPU is then not the capture's. Its log
 * goes to a file; its stdout lines ({@code ready ...}, {@code counts ...}) are read here.
 */
final class ProducerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();
    private final CompletableFuture<Map<String, String>> counts = new CompletableFuture<>();

    private ProducerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread.ofPlatform().daemon().name("producer-stdout").start(this::readLines);
    }

    static ProducerProcess start(PipeWireDaemon daemon, ProducerMain.Options options, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ProducerMain.class.getName()));
        command.addAll(List.of(options.toArgs()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("PIPEWIRE_REMOTE");
        builder.environment().putAll(daemon.clientEnvironment());
        return new ProducerProcess(builder.start(), log);
    }

    private void readLines() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(ProducerMain.READY + " ")) {
                    ready.complete(fields(line));
                } else if (line.startsWith(ProducerMain.COUNTS + " ")) {
                    counts.complete(fields(line));
                }
            }
        } catch (IOException e) {
            // the process went away: the futures below say so
        }
        String gone = "the producer exited without saying so; its log:\n" + tail();
        ready.completeExceptionally(new IOException(gone));
        counts.completeExceptionally(new IOException(gone));
    }

    /** The key=value words of a line; a value runs to the next word with an '='. */
    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String word : line.split(" ")) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                fields.put(word.substring(0, equals), word.substring(equals + 1));
            }
        }
        return fields;
    }

    /** Waits for the producer's node to be in the graph; the ready line's fields. */
    Map<String, String> awaitReady(long seconds) throws Exception {
        try {
            return ready.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("the producer was not ready within " + seconds + " s; its log:\n" + tail(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Stops the producer (SIGTERM) and returns the counts it prints on the way out. */
    Map<String, String> stop() throws Exception {
        // the handle's SIGTERM, not Process.destroy(), which also closes our end of its stdout before the counts come
        process.toHandle().destroy();
        try {
            return counts.get(15, TimeUnit.SECONDS);
        } finally {
            close();
        }
    }

    private String tail() {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
