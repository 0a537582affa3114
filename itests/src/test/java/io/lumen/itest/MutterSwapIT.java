package io.lumen.itest;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.testkit.Poll;
import io.lumen.testkit.pipewire.MutterCompositor;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.OptionUtils.combine;

/**
 * The capture-mutter bundle is updated while a session streams a virtual monitor of a real headless Mutter: the
 * session survives and comes back to a new virtual monitor of the new revision, frames flow again, the old
 * revision can be collected, and once the session ends Mutter holds no screencast or remote-desktop session and no
 * virtual monitor of lumen's. Everything is real: Felix with the distribution's bundles, Mutter 43 on a private
 * session bus, a private PipeWire daemon with WirePlumber. And an idle virtual monitor, which Mutter sends no frame of
 * while nothing changes on it, still gives the client its frame rate: the session repeats the last picture.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MutterSwapIT {

    private static final String CAPTURE_MUTTER = "io.lumen.capture.mutter";
    /** Set by the container's configuration when Mutter cannot run here: why this test is skipped. */
    private static final String SKIPPED = "lumen.itest.mutter.skipped";
    private static final String SOCKET = "lumen.itest.mutter.socket";
    private static final String BUS = "lumen.itest.mutter.bus";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private SessionManager manager;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() throws IOException {
        Option[] container = LumenContainer.options(List.of("lumen-encode-libav", "lumen-encode-x264"));
        Optional<MutterCompositor> mutter = ContainerServers.mutter(SKIPPED);
        if (mutter.isEmpty()) {
            return container;
        }
        return combine(container,
                frameworkProperty("lumen.pipewire.remote").value(ContainerServers.pipeWire(SKIPPED).orElseThrow()
                        .socket().toString()),
                frameworkProperty("lumen.dbus.session").value(mutter.get().bus().address()),
                frameworkProperty(SOCKET).value(mutter.get().socket().toString()),
                frameworkProperty(BUS).value(mutter.get().bus().address()));
    }

    @Test
    public void updatingCaptureMutterMidStreamKeepsTheSessionAndLeavesNothingInMutter() throws Exception {
        Assume.assumeTrue(System.getProperty(SKIPPED), System.getProperty(SKIPPED) == null);
        SessionPins.pin(configurationAdmin, BackendRole.CAPTURE, "mutter");
        Path file = Files.createTempFile(Path.of(System.getProperty("lumen.itest.work", "target")), "mutter", ".h264");
        RecordedSession recorded = new RecordedSession(manager, file, new VideoMode(640, 360, 30));
        Process client = null;
        try {
            StreamSession session = recorded.session();
            await("the session streams Mutter's virtual monitor", () -> "mutter".equals(
                    session.stats().captureBackend()) && connectors().equals(List.of("Meta-0", "Meta-1")));
            // the client's window opens where the pointer is: on the session's virtual monitor, which it keeps busy
            movePointerUntil(session.id(), recorded, recorded.count() + 1);
            client = startClient("weston-simple-shm");
            int start = recorded.count();
            movePointerUntil(session.id(), recorded, start + 20);
            assertTrue("pictures of the virtual monitor: " + (recorded.count() - start) + " " + session.stats(),
                    recorded.count() >= start + 20);
            assertEquals(List.of("Meta-0", "Meta-1"), connectors());
            String listing = command("mutter");
            assertTrue(listing, listing.contains("\n  Mutter virtual monitor 640x360@30, node ")
                    && listing.contains("lumen session " + session.id()));

            Bundle bundle = BundleOps.bundle(context, CAPTURE_MUTTER);
            WeakReference<ClassLoader> oldRevision = BundleOps.classLoader(bundle);
            bundle.update();
            BundleOps.refresh(context, bundle);
            await("the session came back to Mutter after the update: " + session.stats().swaps(),
                    () -> session.stats().swaps().size() >= 2 && "mutter".equals(session.stats().captureBackend()));
            // the new virtual monitor is idle until something moves on it: the pointer, through the new revision
            int before = recorded.count();
            long dropped = movePointerUntil(session.id(), recorded, before + 10);
            assertTrue("pictures of the new virtual monitor: " + (recorded.count() - before) + " " + session.stats(),
                    recorded.count() >= before + 10);
            assertEquals("input through the new revision was sent", 0, dropped);
            assertEquals("one virtual monitor, the new revision's", List.of("Meta-0", "Meta-1"), connectors());
            Collectable.assertCollected("the class loader of " + CAPTURE_MUTTER + "'s old revision", oldRevision);
            System.out.println("Mutter stream through a bundle update: swaps " + session.stats().swaps()
                    + "; pictures " + before + " before, " + recorded.count() + " in all");
        } finally {
            recorded.stop();
            if (client != null) {
                client.destroy();
                client.waitFor(5, TimeUnit.SECONDS);
            }
            SessionPins.pin(configurationAdmin, BackendRole.CAPTURE, "");
        }
        await("Mutter holds no session and no virtual monitor of lumen's after the stream",
                () -> children("/org/gnome/Mutter/ScreenCast/Session") == 0
                        && children("/org/gnome/Mutter/RemoteDesktop/Session") == 0
                        && connectors().equals(List.of("Meta-0")));
    }

    @Test
    public void anIdleVirtualMonitorStillGivesTheClientItsFrameRate() throws Exception {
        Assume.assumeTrue(System.getProperty(SKIPPED), System.getProperty(SKIPPED) == null);
        SessionPins.pin(configurationAdmin, BackendRole.CAPTURE, "mutter");
        Path file = Files.createTempFile(Path.of(System.getProperty("lumen.itest.work", "target")), "idle", ".h264");
        RecordedSession recorded = new RecordedSession(manager, file, new VideoMode(640, 360, 30));
        try {
            StreamSession session = recorded.session();
            await("the session streams Mutter's virtual monitor", () -> "mutter".equals(
                    session.stats().captureBackend()) && session.stats().framesCaptured() > 0);
            // nothing draws on the new monitor and nothing moves over it: Mutter sends no damage, so no frames
            int start = recorded.count();
            long capturedAtStart = session.stats().framesCaptured();
            recorded.awaitPictures(90);
            long captured = session.stats().framesCaptured() - capturedAtStart;
            Map<String, Object> capture = session.stats().captureStats();
            long repeats = ((Number) capture.getOrDefault("repeated while idle: encoder's own repeat", 0L))
                    .longValue() + ((Number) capture.getOrDefault("repeated while idle: last frame encoded again",
                    0L)).longValue();
            System.out.println("idle Mutter monitor: " + (recorded.count() - start) + " pictures sent, " + captured
                    + " captured, " + repeats + " repeats");
            assertTrue("an idle monitor gives (almost) no frames of its own: " + captured, captured <= 5);
            assertTrue("the pictures the client got while idle are repeats: " + repeats + " " + capture,
                    repeats >= recorded.count() - start - captured - 1);
        } finally {
            recorded.stop();
            SessionPins.pin(configurationAdmin, BackendRole.CAPTURE, "");
        }
    }

    /**
     * Moves the pointer across the monitor streamed for {@code sessionId} until {@code recorded} has sent
     * {@code pictures} in all, or 10 s passed: an idle virtual monitor sends no frame, and the pointer drawn into the
     * picture is damage. Returns the input the remote desktop dropped. capture-mutter's RemoteDesktops service (the api's,
     * filtered by lumen.capture.backend=mutter) is found by name and used through reflection, as when it was
     * capture-mutter's own class: this test bundle then wires to nothing the update's refresh could restart, which
     * would restart the test itself.
     */
    private long movePointerUntil(String sessionId, RecordedSession recorded, int pictures) throws Exception {
        await("the remote desktop linked to session " + sessionId, () -> remoteDesktop(sessionId) != null);
        Object input = remoteDesktop(sessionId);
        Method move = input.getClass().getMethod("pointerMotionAbsolute", double.class, double.class);
        move.setAccessible(true);
        for (int i = 0; i < 500 && recorded.count() < pictures; i++) {
            move.invoke(input, 100.0 + i % 400, 100.0 + i % 100);
            Thread.sleep(20); // input at 50 Hz, as a client's pointer sends it
        }
        Method dropped = input.getClass().getMethod("dropped");
        dropped.setAccessible(true);
        return (long) dropped.invoke(input);
    }

    /** What the Gogo command {@code lumen:<function>} prints, called on its service as the shell would. */
    private String command(String function) throws Exception {
        ServiceReference<?>[] references = context.getAllServiceReferences(null,
                "(&(osgi.command.scope=lumen)(osgi.command.function=" + function + "))");
        for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
            Object command = context.getService(reference);
            try {
                Method print = command.getClass().getMethod(function);
                return (String) print.invoke(command);
            } finally {
                context.ungetService(reference);
            }
        }
        throw new AssertionError("no command lumen:" + function);
    }

    /** capture-mutter's RemoteDesktop of {@code sessionId} now, or null. */
    private Object remoteDesktop(String sessionId) {
        try {
            // all references: the class-space check of the other lookups would wire this bundle dynamically
            ServiceReference<?>[] references = context.getAllServiceReferences("io.lumen.api.input.RemoteDesktops",
                    "(lumen.capture.backend=mutter)");
            if (references == null) {
                return null;
            }
            Object casts = context.getService(references[0]);
            try {
                Method find = casts.getClass().getMethod("remoteDesktop", String.class);
                find.setAccessible(true);
                return ((Optional<?>) find.invoke(casts, sessionId)).orElse(null);
            } finally {
                context.ungetService(references[0]);
            }
        } catch (ReflectiveOperationException | InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Process startClient(String command) throws IOException {
        Path socket = Path.of(context().getProperty(SOCKET));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("WAYLAND_DISPLAY", socket.toString());
        builder.environment().put("XDG_RUNTIME_DIR", socket.getParent().toString());
        return builder.start();
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(MutterSwapIT.class).getBundleContext();
    }

    /** Mutter's monitors by connector, from DisplayConfig's state as dbus-send prints it. */
    private static List<String> connectors() {
        String state = busCall("org.gnome.Mutter.DisplayConfig", "/org/gnome/Mutter/DisplayConfig",
                "org.gnome.Mutter.DisplayConfig.GetCurrentState");
        return Pattern.compile("string \"(Meta-\\d+)\"").matcher(state).results()
                .map(m -> m.group(1)).distinct().sorted().toList();
    }

    /** How many sessions Mutter holds under {@code path}, for all its clients. */
    private static int children(String path) {
        String xml = busCall(path.startsWith("/org/gnome/Mutter/ScreenCast") ? "org.gnome.Mutter.ScreenCast"
                : "org.gnome.Mutter.RemoteDesktop", path, "org.freedesktop.DBus.Introspectable.Introspect");
        return (int) Pattern.compile("<node name=").matcher(xml).results().count();
    }

    private static String busCall(String destination, String path, String method) {
        try {
            Process call = new ProcessBuilder("dbus-send", "--bus=" + context().getProperty(BUS), "--print-reply",
                    "--dest=" + destination, path, method).redirectErrorStream(true).start();
            String reply = new String(call.getInputStream().readAllBytes());
            call.waitFor(5, TimeUnit.SECONDS);
            return reply;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.every(Duration.ofMillis(10)).awaits(what, Duration.ofSeconds(40), condition);
    }
}
