package io.lumen.testkit.pipewire;

import io.lumen.testkit.Commands;
import io.lumen.testkit.Poll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real xdg-desktop-portal frontend (and the permission store it keeps restore data in) on a private session
 * bus, told by a {@code .portal} file of its own to use one backend: the scripted implementation a test exports on
 * that bus, as a desktop's portal backend (GNOME's, KDE's) would be. Its PipeWire is the test's private daemon, so
 * the descriptor {@code OpenPipeWireRemote} hands out reaches the nodes the backend names. The permission store
 * writes below this fixture's directory, never the user's, and {@link #restart} keeps it, as a reboot would.
 */
public final class PortalFrontend implements AutoCloseable {

    /** Set in CI: a missing xdg-desktop-portal fails the tests instead of skipping them. */
    public static final String REQUIRE_ENV = "LUMEN_REQUIRE_PORTAL";
    public static final Path FRONTEND = Path.of("/usr/libexec/xdg-desktop-portal");
    public static final Path PERMISSION_STORE = Path.of("/usr/libexec/xdg-permission-store");
    /** The name the frontend owns once it serves. */
    public static final String BUS_NAME = "org.freedesktop.portal.Desktop";

    private static final Duration READY_WAIT = Duration.ofSeconds(15);
    private static final String DESKTOP = "lumen-test";

    private final SessionBus bus;
    private final PipeWireDaemon pipewire;
    private final String backendName;
    private final Path dir;
    private Process store;
    private Process frontend;

    private PortalFrontend(SessionBus bus, PipeWireDaemon pipewire, String backendName, Path dir) {
        this.bus = bus;
        this.pipewire = pipewire;
        this.backendName = backendName;
        this.dir = dir;
    }

    /** Why a test may skip: the frontend, the permission store or dbus-send is missing and CI did not ask for it. */
    public static Optional<String> skipReason() {
        if (System.getenv(REQUIRE_ENV) != null) {
            return Optional.empty();
        }
        if (!Files.isExecutable(FRONTEND) || !Files.isExecutable(PERMISSION_STORE)) {
            return Optional.of("xdg-desktop-portal not installed (bash .ci/run installs it)");
        }
        if (!Commands.onPath("dbus-send")) {
            return Optional.of("dbus-send not installed (bash .ci/run installs dbus-bin)");
        }
        return Optional.empty();
    }

    /** The desktop-side interfaces a backend implements, as the frontend's {@code .portal} file lists them. */
    public static final String IMPL_SCREEN_CAST = "org.freedesktop.impl.portal.ScreenCast";
    public static final String IMPL_REMOTE_DESKTOP = "org.freedesktop.impl.portal.RemoteDesktop";

    /** {@link #start(SessionBus, PipeWireDaemon, String, List)} with a ScreenCast backend only. */
    public static PortalFrontend start(SessionBus bus, PipeWireDaemon pipewire, String backendName)
            throws IOException {
        return start(bus, pipewire, backendName, List.of(IMPL_SCREEN_CAST));
    }

    /**
     * Starts the permission store and the frontend on {@code bus}, using the backend that owns {@code backendName}
     * there for {@code interfaces} (ScreenCast, RemoteDesktop); that backend must already be on the bus, since the
     * frontend reads its properties (version, source or device types, cursor modes) once, at start.
     */
    public static PortalFrontend start(SessionBus bus, PipeWireDaemon pipewire, String backendName,
                                       List<String> interfaces) throws IOException {
        Path dir = Files.createTempDirectory(PipeWireDaemon.shortTempRoot(), "lumen-portal-");
        PortalFrontend portal = new PortalFrontend(bus, pipewire, backendName, dir);
        try {
            Files.createDirectories(dir.resolve("portals"));
            Files.writeString(dir.resolve("portals").resolve("lumen-test.portal"), "[portal]\nDBusName=" + backendName
                    + "\nInterfaces=" + String.join(";", interfaces) + ";\nUseIn=" + DESKTOP + "\n");
            portal.startProcesses();
            return portal;
        } catch (IOException | RuntimeException e) {
            portal.close();
            throw e;
        }
    }

    /** Where the permission store keeps what it stores ({@code flatpak/db/screencast} holds restore data). */
    public Path dataHome() {
        return dir.resolve("data");
    }

    /** Forgets every remembered screencast consent, as a user revoking it in the desktop's settings does. */
    public void revokeAll() throws IOException {
        stop();
        Files.deleteIfExists(dataHome().resolve("flatpak").resolve("db").resolve("screencast"));
        startProcesses();
    }

    /** Stops both and starts them again on the same data, as after a reboot. */
    public void restart() throws IOException {
        stop();
        startProcesses();
    }

    public String log() {
        return ChildProcesses.tail(dir.resolve("portal.log"), 40);
    }

    public void stop() {
        ChildProcesses.endTree(frontend);
        ChildProcesses.endTree(store);
        frontend = null;
        store = null;
    }

    @Override
    public void close() {
        stop();
        ChildProcesses.deleteTree(dir);
    }

    private void startProcesses() throws IOException {
        Map<String, String> environment = new HashMap<>(pipewire.clientEnvironment());
        environment.putAll(bus.clientEnvironment());
        environment.put("XDG_DATA_HOME", dataHome().toString());
        environment.put("XDG_DESKTOP_PORTAL_DIR", dir.resolve("portals").toString());
        environment.put("XDG_CURRENT_DESKTOP", DESKTOP);
        // started here rather than activated by the bus, so it stores below this fixture's directory
        store = ChildProcesses.start(List.of(PERMISSION_STORE.toString(), "--replace"), environment,
                dir.resolve("portal.log"));
        awaitName("org.freedesktop.impl.portal.PermissionStore", store);
        frontend = ChildProcesses.start(List.of(FRONTEND.toString(), "--replace", "--verbose"), environment,
                dir.resolve("portal.log"));
        awaitName(BUS_NAME, frontend);
    }

    private void awaitName(String name, Process owner) throws IOException {
        if (!Poll.until(READY_WAIT, () -> !owner.isAlive() || hasOwner(name)) || !owner.isAlive()) {
            throw new IOException(name + " did not appear on the bus within " + READY_WAIT.toSeconds() + " s:\n"
                    + log());
        }
    }

    /** Whether {@code name} (e.g. the backend's) is owned on the bus now. */
    public boolean hasOwner(String name) {
        try {
            Process query = new ProcessBuilder("dbus-send", "--bus=" + bus.address(), "--print-reply",
                    "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
                    "string:" + name).redirectErrorStream(true).start();
            if (!query.waitFor(5, TimeUnit.SECONDS)) {
                query.destroyForcibly();
                return false;
            }
            return new String(query.getInputStream().readAllBytes()).contains("boolean true");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The backend's bus name this frontend was told to use. */
    public String backendName() {
        return backendName;
    }
}
