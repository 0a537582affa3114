package io.lumen.tools.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The assembled host as an operator runs it: {@code bin/lumen --headless --data DIR} in its own process, on its own
 * base port, with native memory tracking on. Its output goes to {@code host.log} beside the run's results (appended
 * across restarts); shell commands go through its command socket, as {@code bin/lumen cmd} sends them.
 */
final class HostUnderTest implements AutoCloseable {

    /** The last line of a command reply carries the exit status after this marker (the launcher's protocol). */
    private static final String STATUS_PREFIX = "\u0000lumen-exit=";
    private static final Duration START_LIMIT = Duration.ofSeconds(120);

    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private final Path distribution;
    private final Path data;
    private final int basePort;
    private final Path logFile;
    private final List<String> lines = new ArrayList<>();
    private Process process;
    private int linesAtStart;

    HostUnderTest(Path distribution, Path data, int basePort, Path logFile) {
        this.distribution = distribution;
        this.data = data;
        this.basePort = basePort;
        this.logFile = logFile;
    }

    int basePort() {
        return basePort;
    }

    Path data() {
        return data;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts the host and waits until its Moonlight endpoints listen and the shell is ready. */
    HostUnderTest start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(distribution.resolve("bin/lumen").toString(), "--headless",
                "--data", data.toString()).redirectErrorStream(true);
        // the port and no mDNS: a run beside other hosts on the machine; NMT for the native-memory samples
        builder.environment().put("LUMEN_JAVA_OPTS", "-Dlumen.port=" + basePort + " -Dlumen.mdns=false"
                + " -XX:NativeMemoryTracking=summary");
        synchronized (lines) {
            linesAtStart = lines.size();
        }
        process = builder.start();
        Process started = process;
        Thread.ofPlatform().name("soak-host-output").daemon().start(() -> collect(started));
        awaitLine("moonlight host", START_LIMIT);
        awaitLine("lumen ready in", START_LIMIT);
        return this;
    }

    private void collect(Process from) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(from.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the host is gone; its exit is seen by whoever waits on it
        }
    }

    /** The first line since the last start that contains {@code fragment}; fails when the host exits first. */
    String awaitLine(String fragment, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lines) {
            int checked = linesAtStart;
            while (true) {
                for (; checked < lines.size(); checked++) {
                    if (lines.get(checked).contains(fragment)) {
                        return lines.get(checked);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the host did not log '" + fragment + "' within " + limit);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the host exited (" + process.exitValue() + ") before logging '"
                            + fragment + "'; see " + logFile);
                }
                lines.wait(Math.min(200, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    /** Lines since the last start that contain {@code fragment}. */
    List<String> linesWith(String fragment) {
        synchronized (lines) {
            return lines.subList(linesAtStart, lines.size()).stream().filter(l -> l.contains(fragment)).toList();
        }
    }

    /** One shell command line through the command socket; exit 3 when the host does not answer. */
    Result command(String line) {
        Path socket = data.resolve("run").resolve("lumen.sock");
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            StringBuilder output = new StringBuilder();
            String reply;
            while ((reply = in.readLine()) != null) {
                int marker = reply.indexOf(STATUS_PREFIX);
                if (marker >= 0) {
                    output.append(reply, 0, marker);
                    return new Result(Integer.parseInt(reply.substring(marker + STATUS_PREFIX.length()).trim()),
                            output.toString());
                }
                output.append(reply).append('\n');
            }
            return new Result(3, output + "(the host closed the connection before the command finished)");
        } catch (IOException e) {
            return new Result(3, "cannot reach the host at " + socket + ": " + e.getMessage());
        }
    }

    /** SIGKILL: no shutdown hook, no flush, whatever was being written stays as it is. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.toHandle().destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the host (pid " + process.pid() + ") outlived SIGKILL for 30 s");
            }
        }
    }

    /** SIGTERM as a service manager sends it; true when the host exited with 0 within 60 s. */
    boolean stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return false;
        }
        process.toHandle().destroy();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            kill();
        }
        return exited && process.exitValue() == 0;
    }

    @Override
    public void close() throws InterruptedException {
        if (alive() && !stop()) {
            kill();
        }
    }
}
