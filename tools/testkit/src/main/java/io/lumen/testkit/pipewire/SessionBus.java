package io.lumen.testkit.pipewire;

import io.lumen.testkit.Commands;
import io.lumen.testkit.Poll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A private D-Bus session bus ({@code dbus-daemon --session}) on a socket of its own: the desktop services a test
 * starts (Mutter, the portal) and the lumen code under test meet on it, and nothing reaches the machine's own bus.
 */
public final class SessionBus implements AutoCloseable {

    /** Set in CI: a missing dbus-daemon fails the tests instead of skipping them. */
    public static final String REQUIRE_ENV = "LUMEN_REQUIRE_DBUS";

    private final Path dir;
    private Process daemon;

    private SessionBus(Path dir) {
        this.dir = dir;
    }

    /** Why a test may skip instead of fail: dbus-daemon is not installed and {@value #REQUIRE_ENV} is unset. */
    public static Optional<String> skipReason() {
        if (System.getenv(REQUIRE_ENV) != null || Commands.onPath("dbus-daemon")) {
            return Optional.empty();
        }
        return Optional.of("dbus-daemon not installed (bash .ci/run installs it)");
    }

    /** Starts a bus; returns once clients can connect. */
    public static SessionBus start() throws IOException {
        Path dir = Files.createTempDirectory(PipeWireDaemon.shortTempRoot(), "lumen-bus-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        SessionBus bus = new SessionBus(dir);
        try {
            bus.daemon = ChildProcesses.start(List.of("dbus-daemon", "--session", "--nofork", "--nopidfile",
                    "--address=unix:path=" + bus.socket()), Map.of(), dir.resolve("dbus.log"));
            if (!Poll.until(Duration.ofSeconds(10), () -> Files.exists(bus.socket()) || !bus.daemon.isAlive())
                    || !bus.daemon.isAlive()) {
                throw new IOException("dbus-daemon did not come up: " + ChildProcesses.tail(dir.resolve("dbus.log"),
                        10));
            }
            return bus;
        } catch (IOException | RuntimeException e) {
            bus.close();
            throw e;
        }
    }

    public Path socket() {
        return dir.resolve("bus");
    }

    /** The address clients connect to, as {@code DBUS_SESSION_BUS_ADDRESS} holds it. */
    public String address() {
        return "unix:path=" + socket();
    }

    /** What a child process needs in its environment to use this bus as its session bus. */
    public Map<String, String> clientEnvironment() {
        return Map.of("DBUS_SESSION_BUS_ADDRESS", address());
    }

    public boolean isAlive() {
        return daemon != null && daemon.isAlive();
    }

    /** Ends the bus: every connection on it sees it go. */
    public void stop() {
        ChildProcesses.endTree(daemon);
        daemon = null;
    }

    @Override
    public void close() {
        stop();
        ChildProcesses.deleteTree(dir);
    }
}
