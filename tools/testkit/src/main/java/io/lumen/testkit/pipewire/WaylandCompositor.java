package io.lumen.testkit.pipewire;

import io.lumen.testkit.Poll;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What every Wayland compositor the test kit runs (KWin, Mutter) has in common: its process, its private directory
 * with its own log and its clients' log, and the Wayland socket its clients connect to. Closing ends it and deletes
 * its directory.
 */
public abstract class WaylandCompositor implements AutoCloseable {

    private final String program;
    private final Path dir;
    private final Path socket;
    private final Path log;
    private Process process;

    /** @param program the compositor's program, as failure messages name it */
    WaylandCompositor(String program, Path dir, Path socket, String logFile) {
        this.program = program;
        this.dir = dir;
        this.socket = socket;
        this.log = dir.resolve(logFile);
    }

    /** The compositor's Wayland socket, absolute: what a client passes as its display. */
    public final Path socket() {
        return socket;
    }

    /**
     * {@code base} plus a home and XDG directories inside the compositor's own directory, so it touches no user's
     * settings, and no Wayland display, so it runs on its own rather than nested in the desktop running the tests.
     */
    final Map<String, String> ownEnvironment(Map<String, String> base) {
        Map<String, String> environment = new HashMap<>(base);
        environment.put("HOME", dir.toString());
        environment.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        environment.put("XDG_DATA_HOME", dir.resolve("data").toString());
        environment.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        environment.put("WAYLAND_DISPLAY", "");
        return environment;
    }

    /**
     * Runs the compositor, then waits until its socket accepts clients and {@code alsoReady} holds;
     * {@code alsoAwaited} names what that waits for in the failure message.
     */
    final void start(List<String> command, Map<String, String> environment, Duration readyWait,
                     BooleanSupplier alsoReady, String alsoAwaited) throws IOException {
        process = ChildProcesses.start(command, environment, log);
        boolean ready = Poll.until(readyWait, () -> !process.isAlive() || (accepts() && alsoReady.getAsBoolean()));
        if (!process.isAlive()) {
            throw new IOException(program + " exited with " + process.exitValue() + ":\n" + logTail(30));
        }
        if (!ready) {
            throw new IOException(program + " was not ready within " + readyWait.toSeconds() + " s (socket " + socket
                    + alsoAwaited + "):\n" + logTail(30));
        }
    }

    private boolean accepts() {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException notYetListening) {
            // bound but not listening yet
            return false;
        }
    }

    /** The compositor's output so far, for failure messages. */
    public final String logTail(int lines) {
        return ChildProcesses.tail(log, lines);
    }

    /**
     * Starts a Wayland client on this compositor ({@code weston-simple-shm} animates without pause, so
     * damage-driven casts keep sending frames; {@code weston-eventdemo} prints the input it receives); its output
     * goes to {@link #clientLog()}. The caller ends it, or it exits with its compositor.
     */
    public final Process startClient(List<String> command) throws IOException {
        return ChildProcesses.start(command, Map.of("WAYLAND_DISPLAY", socket.toString(),
                "XDG_RUNTIME_DIR", socket.getParent().toString()), clientLog());
    }

    /** Where the clients' output goes: what a client that prints the events it receives said. */
    public final Path clientLog() {
        return dir.resolve("clients.log");
    }

    public final boolean isAlive() {
        return process != null && process.isAlive();
    }

    final void endProcess() {
        ChildProcesses.endTree(process);
        process = null;
    }

    @Override
    public void close() {
        endProcess();
        ChildProcesses.deleteTree(dir);
    }
}
