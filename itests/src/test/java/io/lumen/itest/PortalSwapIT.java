package io.lumen.itest;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.testkit.Poll;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
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
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.OptionUtils.combine;

/**
 * The capture-portal bundle is updated while a session streams a portal screencast with input: the session comes
 * back to the portal with a new grant, frames flow again, input goes through the new revision to the desktop's
 * backend, the old revision can be collected, and once the session ends the portal holds no session of lumen's.
 * Everything but the desktop is real: Felix with the distribution's bundles, xdg-desktop-portal's frontend and
 * permission store on a private session bus, a private PipeWire daemon with WirePlumber and a producer node standing
 * for the monitor. The desktop is the testkit's scripted ScreenCast and RemoteDesktop backend, which grants without
 * a human and records the input the frontend passes on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortalSwapIT {

    private static final String CAPTURE_PORTAL = "io.lumen.capture.portal";
    /** Set by the container's configuration when the portal desktop cannot run here: why this test is skipped. */
    private static final String SKIPPED = "lumen.itest.portal.skipped";
    private static final String BUS = "lumen.itest.portal.bus";
    /*
     * The scripted backend lives outside the container, its classes in another class loader: these system properties
     * (one JVM) hold views of what it recorded in JDK types only, which the test inside reads.
     */
    private static final String NOTIFIED = "lumen.itest.portal.notified";
    private static final String OPEN_SESSIONS = "lumen.itest.portal.open-sessions";
    private static final String PROMPTS = "lumen.itest.portal.prompts";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private SessionManager manager;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() throws IOException {
        Option[] container = LumenContainer.options(List.of("lumen-encode-libav", "lumen-encode-x264"));
        Optional<ContainerServers.PortalDesktop> desktop = ContainerServers.portal(SKIPPED);
        if (desktop.isEmpty()) {
            return container;
        }
        var backend = desktop.get().backend();
        System.getProperties().put(NOTIFIED, (Supplier<List<String>>) () -> backend.notified.stream()
                .map(n -> n.member() + " " + n.values()).toList());
        System.getProperties().put(OPEN_SESSIONS, (Supplier<List<String>>) () -> backend.sessions.stream()
                .filter(s -> !backend.closedSessions.contains(s)).toList());
        System.getProperties().put(PROMPTS, (Supplier<Integer>) backend.prompts::get);
        Path tokens = Files.createTempDirectory(Path.of(System.getProperty("lumen.itest.work", "target"))
                .toAbsolutePath(), "portal-tokens");
        return combine(container,
                frameworkProperty("lumen.pipewire.remote").value(ContainerServers.pipeWire(SKIPPED).orElseThrow()
                        .socket().toString()),
                frameworkProperty("lumen.dbus.session").value(desktop.get().bus().address()),
                frameworkProperty("lumen.portal.tokens").value(tokens.toString()),
                frameworkProperty(BUS).value(desktop.get().bus().address()));
    }

    @Test
    public void updatingCapturePortalMidStreamGrantsAgainAndLeavesNoPortalSession() throws Exception {
        Assume.assumeTrue(System.getProperty(SKIPPED), System.getProperty(SKIPPED) == null);
        SessionPins.pin(configurationAdmin, BackendRole.CAPTURE, "portal");
        SessionPins.set(configurationAdmin, "capture.target", "monitor+input:itest");
        Path file = Files.createTempFile(Path.of(System.getProperty("lumen.itest.work", "target")), "portal", ".h264");
        RecordedSession recorded = new RecordedSession(manager, file, new VideoMode(640, 360, 30));
        try {
            StreamSession session = recorded.session();
            await("the session streams the portal's screencast", () -> "portal".equals(
                    session.stats().captureBackend()) && session.stats().framesCaptured() >= 20);
            recorded.awaitPictures(20);
            assertEquals("one portal session, granted once", 1, openSessions().size());
            int prompts = prompts();
            int notified = notified().size();
            assertEquals("input through the first revision was sent", 0, movePointer(session.id(), 20));
            await("the first revision's input reached the desktop's backend: " + notified(),
                    () -> notified().size() >= notified + 20);
            assertTrue(notified().getLast(), notified().getLast().startsWith("NotifyPointerMotionAbsolute"));

            Bundle bundle = BundleOps.bundle(context, CAPTURE_PORTAL);
            WeakReference<ClassLoader> oldRevision = BundleOps.classLoader(bundle);
            bundle.update();
            BundleOps.refresh(context, bundle);
            await("the session came back to the portal after the update: " + session.stats().swaps(),
                    () -> session.stats().swaps().size() >= 2 && "portal".equals(session.stats().captureBackend()));
            int before = recorded.count();
            long captured = session.stats().framesCaptured();
            await("frames of the new grant: " + session.stats(), () -> session.stats().framesCaptured() >= captured + 20
                    && "portal".equals(session.stats().captureBackend()));
            recorded.awaitPictures(20);
            assertTrue("the new revision asked the desktop again: prompts " + prompts(), prompts() > prompts);
            await("only the new revision's portal session is open: " + openSessions(),
                    () -> openSessions().size() == 1);
            int notifiedBefore = notified().size();
            assertEquals("input through the new revision was sent", 0, movePointer(session.id(), 20));
            await("the new revision's input reached the desktop's backend",
                    () -> notified().size() >= notifiedBefore + 20);
            Collectable.assertCollected("the class loader of " + CAPTURE_PORTAL + "'s old revision", oldRevision);
            System.out.println("portal stream through a bundle update: swaps " + session.stats().swaps()
                    + "; pictures " + before + " before, " + recorded.count() + " in all; prompts " + prompts()
                    + "; input events at the backend " + notified().size());
        } finally {
            recorded.stop();
            SessionPins.set(configurationAdmin, "capture.target", "");
            SessionPins.pin(configurationAdmin, BackendRole.CAPTURE, "");
        }
        await("the portal holds no session of lumen's after the stream: " + openSessions(),
                () -> openSessions().isEmpty());
    }

    /**
     * Moves the pointer {@code events} times over the screencast of {@code sessionId} through capture-portal's
     * RemoteDesktops service (the api's, filtered by lumen.capture.backend=portal), found by name and used through
     * reflection as MutterSwapIT does: this test bundle then wires to nothing the update's refresh could restart.
     * Returns what the remote desktop dropped.
     */
    private long movePointer(String sessionId, int events) throws Exception {
        await("the remote desktop linked to session " + sessionId, () -> remoteDesktop(sessionId) != null);
        Object input = remoteDesktop(sessionId);
        Method move = input.getClass().getMethod("pointerMotionAbsolute", double.class, double.class);
        move.setAccessible(true);
        for (int i = 0; i < events; i++) {
            move.invoke(input, 10.0 + i, 20.0 + i);
        }
        Method dropped = input.getClass().getMethod("dropped");
        dropped.setAccessible(true);
        return (long) dropped.invoke(input);
    }

    /** capture-portal's RemoteDesktop of {@code sessionId} now, or null. */
    private Object remoteDesktop(String sessionId) {
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences("io.lumen.api.input.RemoteDesktops",
                    "(lumen.capture.backend=portal)");
            if (references == null) {
                return null;
            }
            Object desktops = context.getService(references[0]);
            try {
                Method find = desktops.getClass().getMethod("remoteDesktop", String.class);
                find.setAccessible(true);
                return ((Optional<?>) find.invoke(desktops, sessionId)).orElse(null);
            } finally {
                context.ungetService(references[0]);
            }
        } catch (ReflectiveOperationException | InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> notified() {
        return ((Supplier<List<String>>) System.getProperties().get(NOTIFIED)).get();
    }

    @SuppressWarnings("unchecked")
    private static List<String> openSessions() {
        return ((Supplier<List<String>>) System.getProperties().get(OPEN_SESSIONS)).get();
    }

    @SuppressWarnings("unchecked")
    private static int prompts() {
        return ((Supplier<Integer>) System.getProperties().get(PROMPTS)).get();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.every(Duration.ofMillis(10)).awaits(what, Duration.ofSeconds(40), condition);
    }
}
