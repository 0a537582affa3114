package io.lumen.testkit.pipewire;

import io.lumen.testkit.Commands;
import io.lumen.testkit.Poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A private {@code pipewire} daemon in a fresh 0700 runtime directory, reachable through {@link #socket()}: a JVM
 * cannot change its own environment, so clients name the socket explicitly (libpipewire's {@code remote.name}
 * takes an absolute path) while child processes get {@link #clientEnvironment()}. With a session manager it also
 * runs WirePlumber under its own {@code dbus-run-session}: without one nothing links a stream to its target.
 * Closing ends every process it started and deletes the directory.
 */
public final class PipeWireDaemon implements AutoCloseable {

    /** Set in CI (bash .ci/run): a missing pipewire then fails the tests instead of skipping them. */
    public static final String REQUIRE_ENV = "LUMEN_REQUIRE_PIPEWIRE";

    private static final Duration READY_WAIT = Duration.ofSeconds(10);
    private static final String SOCKET_NAME = "pipewire-0";

    private final Path dir;
    private final boolean withSessionManager;
    private Process daemon;
    private Process sessionManager;

    private PipeWireDaemon(Path dir, boolean withSessionManager) {
        this.dir = dir;
        this.withSessionManager = withSessionManager;
    }

    /**
     * Why a test may skip instead of fail: {@code pipewire} (or, for a session manager, {@code wireplumber} and
     * {@code dbus-run-session}) is not installed and {@value #REQUIRE_ENV} is unset. Empty when the tests must run.
     */
    public static Optional<String> skipReason(boolean withSessionManager) {
        if (System.getenv(REQUIRE_ENV) != null) {
            return Optional.empty();
        }
        List<String> needed = new ArrayList<>(List.of("pipewire", "pw-cli", "gst-launch-1.0"));
        if (withSessionManager) {
            needed.addAll(List.of("wireplumber", "dbus-run-session"));
        }
        List<String> missing = needed.stream().filter(command -> !Commands.onPath(command)).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(String.join(", ", missing) + " not installed (bash .ci/run installs them)");
    }

    /** Starts a daemon, and WirePlumber when {@code withSessionManager}; returns once clients can connect. */
    public static PipeWireDaemon start(boolean withSessionManager) throws IOException {
        Path dir = Files.createTempDirectory(shortTempRoot(), "lumen-pw-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        PipeWireDaemon started = new PipeWireDaemon(dir, withSessionManager);
        try {
            started.startProcesses();
            return started;
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** The daemon's socket, absolute; pass it as {@code remote.name}. */
    public Path socket() {
        return dir.resolve(SOCKET_NAME);
    }

    public Path runtimeDir() {
        return dir;
    }

    /** What a child process (a producer, pw-cli) needs in its environment to reach this daemon. */
    public Map<String, String> clientEnvironment() {
        return clientEnvironment(dir);
    }

    /**
     * What a child process needs to reach the daemon whose socket is in {@code runtimeDir}, for a test that knows
     * only the socket (one inside an OSGi container, where the daemon was started outside).
     */
    public static Map<String, String> clientEnvironment(Path runtimeDir) {
        return Map.of("XDG_RUNTIME_DIR", runtimeDir.toString(), "PIPEWIRE_RUNTIME_DIR", runtimeDir.toString(),
                "XDG_STATE_HOME", runtimeDir.resolve("state").toString(),
                "XDG_CONFIG_HOME", runtimeDir.resolve("config").toString());
    }

    /** Stops the daemon (and its session manager) without deleting the directory: clients see it go. */
    public void stop() {
        ChildProcesses.endTree(sessionManager);
        ChildProcesses.endTree(daemon);
        sessionManager = null;
        daemon = null;
    }

    /** Stops and starts again on the same socket path, as when the user's session restarts PipeWire. */
    public void restart() throws IOException {
        stop();
        startProcesses();
    }

    /** {@code pw-cli ls TYPE} ("Node", "Link", "Metadata") against this daemon, as text. */
    public String listObjects(String type) throws IOException {
        Path log = dir.resolve("pw-cli.out");
        Process cli = ChildProcesses.start(List.of("pw-cli", "ls", type), clientEnvironment(), log);
        try {
            if (!cli.waitFor(5, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IOException("pw-cli ls " + type + " did not answer within 5 s");
            }
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The global id of the node named {@code nodeName}, as a portal backend answers with it; empty if not listed. */
    public OptionalInt nodeId(String nodeName) throws IOException {
        int id = -1;
        for (String line : listObjects("Node").split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("id ") && stripped.contains(",")) {
                id = Integer.parseInt(stripped.substring(3, stripped.indexOf(',')).strip());
            } else if (stripped.equals("node.name = \"" + nodeName + "\"") && id >= 0) {
                return OptionalInt.of(id);
            }
        }
        return OptionalInt.empty();
    }

    /** Waits until {@code pw-cli ls TYPE} shows what {@code ready} looks for; false after {@code timeout}. */
    public boolean awaitObjects(String type, Predicate<String> ready, Duration timeout) throws IOException {
        try {
            return Poll.every(Duration.ofMillis(50)).holdsWithin(timeout, () -> {
                try {
                    return ready.test(listObjects(type));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        stop();
        ChildProcesses.deleteTree(dir);
    }

    private void startProcesses() throws IOException {
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("config"));
        Path log = dir.resolve("pipewire.log");
        daemon = ChildProcesses.start(List.of("pipewire"), clientEnvironment(), log);
        awaitSocket(log);
        if (withSessionManager) {
            Path managerLog = dir.resolve("wireplumber.log");
            sessionManager = ChildProcesses.start(List.of("dbus-run-session", "--", "wireplumber"),
                    clientEnvironment(), managerLog);
            // WirePlumber's default metadata appears once its policy is loaded and it can link streams
            if (!awaitObjects("Metadata", text -> text.contains("\"default\""), READY_WAIT)) {
                throw new IOException("wireplumber did not become ready within " + READY_WAIT.toSeconds()
                        + " s:\n" + ChildProcesses.tail(managerLog, 20));
            }
        }
    }

    private void awaitSocket(Path log) throws IOException {
        // a daemon that exits ends the wait too; told apart below
        boolean listening = Poll.every(Duration.ofMillis(20)).holdsWithin(READY_WAIT,
                () -> !daemon.isAlive() || listening());
        if (!daemon.isAlive()) {
            throw new IOException("pipewire exited with " + daemon.exitValue() + ":\n" + ChildProcesses.tail(log, 20));
        }
        if (listening) {
            return;
        }
        throw new IOException("pipewire's socket " + socket() + " was not ready within " + READY_WAIT.toSeconds()
                + " s:\n" + ChildProcesses.tail(log, 20));
    }

    private boolean listening() {
        if (!Files.exists(socket())) {
            return false;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket()));
            return true;
        } catch (IOException notYetListening) {
            return false; // bound but not listening yet
        }
    }

    /** A unix socket path has at most 107 bytes: a deep java.io.tmpdir would not fit. */
    static Path shortTempRoot() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return tmp.toAbsolutePath().toString().length() <= 60 ? tmp : Path.of("/tmp");
    }
}
