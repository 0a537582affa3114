package io.lumen.testkit.pipewire;

import io.lumen.testkit.Commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Mutter ({@code mutter --headless --wayland --no-x11}), GNOME's compositor, on a private
 * {@link SessionBus} (where it offers org.gnome.Mutter.ScreenCast and RemoteDesktop) and a private
 * {@link PipeWireDaemon} (where its screencasts become nodes); its Wayland socket lies in the daemon's runtime
 * directory. Without a GPU it renders in software ("surfaceless renderer"). Closing ends it.
 */
public final class MutterCompositor extends WaylandCompositor {

    /** Set in CI (bash .ci/run): a missing mutter then fails the Mutter tests instead of skipping them. */
    public static final String REQUIRE_ENV = "LUMEN_REQUIRE_MUTTER";
    /** The names Mutter owns on the bus once it is ready to cast and take input. */
    public static final List<String> BUS_NAMES = List.of("org.gnome.Mutter.ScreenCast",
            "org.gnome.Mutter.RemoteDesktop");

    private static final Duration READY_WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final SessionBus bus;

    private MutterCompositor(Path dir, Path socket, SessionBus bus) {
        super("mutter", dir, socket, "mutter.log");
        this.bus = bus;
    }

    /**
     * Why a Mutter test may skip instead of fail: mutter (or dbus-daemon, dbus-send, PipeWire) is not installed
     * and {@value #REQUIRE_ENV} is unset. Empty when the tests must run.
     */
    public static Optional<String> skipReason() {
        if (System.getenv(REQUIRE_ENV) != null) {
            return Optional.empty();
        }
        List<String> missing = List.of("mutter", "dbus-daemon", "dbus-send").stream()
                .filter(command -> !Commands.onPath(command)).toList();
        return missing.isEmpty() ? PipeWireDaemon.skipReason(false)
                : Optional.of(String.join(", ", missing) + " not installed (bash .ci/run installs mutter)");
    }

    /**
     * Starts Mutter with one virtual monitor, {@code monitor} as Mutter's option takes it ("1280x720",
     * "1920x1080@60"), casting to {@code daemon} and serving on {@code bus}. Returns once its Wayland socket
     * accepts clients and its ScreenCast and RemoteDesktop services are on the bus.
     */
    public static MutterCompositor start(PipeWireDaemon daemon, SessionBus bus, String monitor) throws IOException {
        Path dir = Files.createTempDirectory(PipeWireDaemon.shortTempRoot(), "lumen-mutter-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        String name = "lumen-mutter-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
        MutterCompositor mutter = new MutterCompositor(dir, daemon.runtimeDir().resolve(name), bus);
        try {
            mutter.launch(daemon, name, monitor);
            return mutter;
        } catch (IOException | RuntimeException e) {
            mutter.close();
            throw e;
        }
    }

    private void launch(PipeWireDaemon daemon, String name, String monitor) throws IOException {
        Map<String, String> environment = ownEnvironment(daemon.clientEnvironment());
        environment.putAll(bus.clientEnvironment());
        environment.put("DISPLAY", "");
        // GSettings from the private config directory, not a dconf daemon the machine may not have
        environment.put("GSETTINGS_BACKEND", "memory");
        start(List.of("mutter", "--headless", "--virtual-monitor", monitor, "--wayland", "--no-x11",
                "--wayland-display=" + name), environment, READY_WAIT, () -> BUS_NAMES.stream().allMatch(this::owned),
                ", bus names " + BUS_NAMES);
    }

    /** Whether {@code name} has an owner on the bus, asked with dbus-send (no D-Bus library in the test kit). */
    public boolean owned(String name) {
        List<String> command = new ArrayList<>(List.of("dbus-send", "--bus=" + bus.address(), "--print-reply",
                "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
                "string:" + name));
        try {
            Process ask = new ProcessBuilder(command).redirectErrorStream(true).start();
            String reply = new String(ask.getInputStream().readAllBytes());
            return ask.waitFor(5, TimeUnit.SECONDS) && ask.exitValue() == 0 && reply.contains("boolean true");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public SessionBus bus() {
        return bus;
    }

    /** Ends Mutter, as a crash or the user logging out would: its casts and bus names go with it. */
    public void stop() {
        endProcess();
    }
}
