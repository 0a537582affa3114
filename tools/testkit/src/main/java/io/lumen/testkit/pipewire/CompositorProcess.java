package io.lumen.testkit.pipewire;

import io.lumen.testkit.Poll;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What every Wayland compositor the test kit runs (KWin, Mutter) has in common: its process, its private directory
 * with its own log and its clients' log, and the Wayland socket its clients connect to.
 */
final class CompositorProcess {

    private final String program;
    private final Path dir;
    private final Path socket;
    private final Path log;
    private Process process;

    /** @param program the compositor's program, as failure messages name it */
    CompositorProcess(String program, Path dir, Path socket, String logFile) {
        this.program = program;
        this.dir = dir;
        this.socket = socket;
        this.log = dir.resolve(logFile);
    }

    Path socket() {
        return socket;
    }

    /**
     * Runs the compositor, then waits until its socket accepts clients and {@code alsoReady} holds;
     * {@code alsoAwaited} names what that waits for in the failure message.
     */
    void start(List<String> command, Map<String, String> environment, Duration readyWait, BooleanSupplier alsoReady,
               String alsoAwaited) throws IOException {
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

    String logTail(int lines) {
        return ChildProcesses.tail(log, lines);
    }

    Process startClient(List<String> command) throws IOException {
        return ChildProcesses.start(command, Map.of("WAYLAND_DISPLAY", socket.toString(),
                "XDG_RUNTIME_DIR", socket.getParent().toString()), clientLog());
    }

    Path clientLog() {
        return dir.resolve("clients.log");
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    void stop() {
        ChildProcesses.endTree(process);
        process = null;
    }

    /** Stops the compositor and deletes its directory. */
    void close() {
        stop();
        ChildProcesses.deleteTree(dir);
    }
}
