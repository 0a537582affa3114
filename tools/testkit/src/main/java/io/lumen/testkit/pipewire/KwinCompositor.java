package io.lumen.testkit.pipewire;

import io.lumen.testkit.Commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless KWin ({@code kwin_wayland --virtual}) under its own {@code dbus-run-session}, sharing a private
 * {@link PipeWireDaemon}'s runtime directory, so its screencast streams are nodes of that daemon and its Wayland
 * socket lies beside the daemon's. Debian's binary carries a file capability (cap_sys_resource) that a sandbox may
 * refuse to exec; a copy carries none, so the copy is what runs. Closing ends KWin and its bus.
 */
public final class KwinCompositor extends WaylandCompositor {

    /** Set in CI (bash .ci/run): a missing kwin_wayland then fails the KWin tests instead of skipping them. */
    public static final String REQUIRE_ENV = "LUMEN_REQUIRE_KWIN";
    /** KWin's switch that offers its restricted interfaces (the screencast) to every client. */
    public static final String NO_PERMISSION_CHECKS = "KWIN_WAYLAND_NO_PERMISSION_CHECKS";

    private static final Duration READY_WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Path dir;

    private KwinCompositor(Path dir, Path socket) {
        super("kwin_wayland", dir, socket, "kwin.log");
        this.dir = dir;
    }

    /**
     * Why a KWin test may skip instead of fail: kwin_wayland (or dbus-run-session) is not installed and
     * {@value #REQUIRE_ENV} is unset. Empty when the tests must run.
     */
    public static Optional<String> skipReason() {
        if (System.getenv(REQUIRE_ENV) != null) {
            return Optional.empty();
        }
        List<String> missing = List.of("kwin_wayland", "dbus-run-session").stream()
                .filter(command -> !Commands.onPath(command)).toList();
        return missing.isEmpty() ? PipeWireDaemon.skipReason(false)
                : Optional.of(String.join(", ", missing) + " not installed (bash .ci/run installs kwin-wayland)");
    }

    /**
     * Starts KWin with one virtual output of {@code width} x {@code height} on {@code daemon}; with
     * {@code trustEveryone}, KWin offers its screencast interface to any client. Returns once clients can connect.
     */
    public static KwinCompositor start(PipeWireDaemon daemon, int width, int height, boolean trustEveryone)
            throws IOException {
        return start(daemon, width, height, trustEveryone, Optional.empty());
    }

    /**
     * As {@link #start(PipeWireDaemon, int, int, boolean)}, and KWin also finds a .desktop file whose Exec= is
     * {@code trustedExecutable} and which asks for the screencast interface: KWin's own way to trust one program.
     */
    public static KwinCompositor start(PipeWireDaemon daemon, int width, int height, boolean trustEveryone,
                                       Optional<Path> trustedExecutable) throws IOException {
        return start(daemon, width, height, trustEveryone, trustedExecutable,
                List.of("zkde_screencast_unstable_v1", "org_kde_plasma_window_management"));
    }

    /**
     * As {@link #start(PipeWireDaemon, int, int, boolean, Optional)}, the .desktop file asking for
     * {@code interfaces} (its X-KDE-Wayland-Interfaces).
     */
    public static KwinCompositor start(PipeWireDaemon daemon, int width, int height, boolean trustEveryone,
                                       Optional<Path> trustedExecutable, List<String> interfaces) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "lumen-kwin-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String name = "lumen-kwin-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
        KwinCompositor kwin = new KwinCompositor(dir, daemon.runtimeDir().resolve(name));
        try {
            if (trustedExecutable.isPresent()) {
                kwin.installDesktopFile(trustedExecutable.get(), interfaces);
            }
            kwin.launch(daemon, name, width, height, trustEveryone);
            return kwin;
        } catch (IOException | RuntimeException e) {
            kwin.close();
            throw e;
        }
    }

    /** Whether {@code command} is on the PATH, for tests that need a client program. */
    public static boolean installed(String command) {
        return Commands.onPath(command);
    }

    private void installDesktopFile(Path executable, List<String> interfaces) throws IOException {
        Path applications = Files.createDirectories(dir.resolve("data").resolve("applications"));
        Files.writeString(applications.resolve("lumen-test.desktop"), String.join("\n",
                "[Desktop Entry]", "Type=Application", "Name=lumen test", "Exec=" + executable,
                "X-KDE-Wayland-Interfaces=" + String.join(",", interfaces), ""));
    }

    private void launch(PipeWireDaemon daemon, String name, int width, int height, boolean trustEveryone)
            throws IOException {
        Path binary = locate("kwin_wayland");
        Path copy = dir.resolve("kwin_wayland");
        // without COPY_ATTRIBUTES: that would copy the security.capability attribute too
        Files.copy(binary, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> environment = ownEnvironment(daemon.clientEnvironment());
        environment.put("QT_QPA_PLATFORM", "wayland");
        environment.put("KWIN_COMPOSE", "O2");
        if (trustEveryone) {
            environment.put(NO_PERMISSION_CHECKS, "1");
        }
        start(List.of("dbus-run-session", "--", copy.toString(), "--virtual",
                "--width", Integer.toString(width), "--height", Integer.toString(height), "--socket", name),
                environment, READY_WAIT, () -> true, "");
    }

    private static Path locate(String command) throws IOException {
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException(command + " is not installed (bash .ci/run installs kwin-wayland)");
    }
}
