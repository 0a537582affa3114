package io.lumen.tools.streambench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outside peer of the send-path rounds: {@code iperf3 -u -b 0 -l 1408} on loopback (its own server, one test,
 * then gone), read from its JSON: the client's send rate and its process CPU.
 */
final class Iperf3 {

    /** One iperf3 run: what the client sent, how long, its CPU, and what the server lost. */
    record Run(long bytes, double seconds, double cpuPercent, double lostPercent) {
    }

    private Iperf3() {
    }

    /** The iperf3 on the PATH, or null. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "iperf3");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static String version(Path iperf3) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(iperf3.toString(), "--version").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(5, TimeUnit.SECONDS);
        return text.lines().findFirst().orElse("iperf3").trim();
    }

    /** One {@code seconds}-long run against a fresh server on a free loopback port. */
    static Run run(Path iperf3, int datagramBytes, int seconds) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Process server = new ProcessBuilder(iperf3.toString(), "-s", "-1", "--forceflush", "-B", "127.0.0.1", "-p",
                String.valueOf(port)).redirectErrorStream(true).start();
        try {
            awaitListening(server);
            Process client = new ProcessBuilder(iperf3.toString(), "-c", "127.0.0.1", "-p", String.valueOf(port),
                    "-u", "-b", "0", "-l", String.valueOf(datagramBytes), "-t", String.valueOf(seconds), "-J")
                    .redirectErrorStream(true).start();
            String json = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!client.waitFor(seconds + 30L, TimeUnit.SECONDS) || client.exitValue() != 0) {
                client.destroyForcibly();
                throw new IOException("iperf3 failed: " + json.strip());
            }
            JsonObject end = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("end");
            JsonObject sum = end.getAsJsonObject("sum");
            return new Run(sum.get("bytes").getAsLong(), sum.get("seconds").getAsDouble(),
                    end.getAsJsonObject("cpu_utilization_percent").get("host_total").getAsDouble(),
                    sum.get("lost_percent").getAsDouble());
        } finally {
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /**
     * Until the server says it listens (a probe connection would count as its one test), then drains its output
     * on a daemon thread.
     */
    private static void awaitListening(Process server) throws IOException, InterruptedException {
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread.ofPlatform().name("iperf3-server-output").daemon().start(() -> {
            try (BufferedReader lines = server.inputReader(StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.contains("Server listening")) {
                        listening.complete(null);
                    }
                }
            } catch (IOException ignored) {
                // the server ended; the client's run says what went wrong
            }
            listening.completeExceptionally(new IOException("the iperf3 server ended before it listened"));
        });
        try {
            listening.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the iperf3 server did not start listening", e);
        }
    }
}
