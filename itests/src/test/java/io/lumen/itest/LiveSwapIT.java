package io.lumen.itest;

import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.session.SessionManager;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Hashtable;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * A live session recorded while its encoder is swapped every way an operator can: the bundle stopped and started,
 * updated in place, a better encoder installed, a pin, and a jar dropped into and removed from deploy/. Each time the
 * session survives, frames stay in order, a keyframe follows the swap, and what departed can be collected.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class LiveSwapIT {

    private static final String JAVA_ENCODER = "io.lumen.encode.java";
    private static final String FIXTURE = "io.lumen.itest.encoder.ipcm";

    @Inject
    private BundleContext context;

    @Inject
    private SessionManager manager;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    /**
     * Without the libav and x264 encoders: these swaps are judged against the pure-Java encoder and the fixture, whatever
     * native encoders the machine has (LibavSwapIT covers those).
     */
    @Configuration
    public Option[] config() {
        return LumenContainer.options(java.util.List.of("lumen-encode-libav", "lumen-encode-x264"));
    }

    private RecordedSession record(String name) throws Exception {
        Path file = Files.createTempFile(Path.of(System.getProperty("lumen.itest.work", "target")), name, ".h264");
        RecordedSession recorded = new RecordedSession(manager, file);
        recorded.awaitEncoder("java-h264");
        return recorded;
    }

    private WeakReference<Object> encoderService(String id) {
        try {
            for (ServiceReference<EncoderBackend> ref : context.getServiceReferences(EncoderBackend.class, null)) {
                EncoderBackend backend = context.getService(ref);
                try {
                    if (backend.id().equals(id)) {
                        return new WeakReference<>(backend);
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no encoder " + id);
    }

    @Test
    public void stoppingAndStartingTheEncoderBundle() throws Exception {
        RecordedSession recorded = record("stop-start");
        String id = recorded.session().id();
        WeakReference<Object> departed = encoderService("java-h264");
        BundleOps.bundle(context, JAVA_ENCODER).stop();
        assertEquals("none", recorded.session().stats().encoderBackend());
        long droppedBefore = recorded.session().stats().framesDropped();
        // frames keep arriving from the capture and are dropped while no encoder exists
        RecordedSession.await("frames dropped while no encoder exists",
                () -> recorded.session().stats().framesDropped() > droppedBefore);
        BundleOps.bundle(context, JAVA_ENCODER).start();
        recorded.awaitEncoder("java-h264");
        recorded.stop();
        recorded.assertSurvivedSwaps(id, 2);
        // a stopped bundle keeps its class loader (Felix reuses it on start); the departed service object must go
        Collectable.assertCollected("the departed java-h264 backend", departed);
    }

    @Test
    public void updatingTheEncoderBundleInPlace() throws Exception {
        BundleOps.updateInPlaceDuring(context, record("update"), JAVA_ENCODER, "java-h264");
    }

    @Test
    public void aBetterEncoderArrivingAndLeaving() throws Exception {
        RecordedSession recorded = record("arrive");
        String id = recorded.session().id();
        Bundle fixture = BundleOps.installFixture(context);
        recorded.awaitEncoder("ipcm-h264");
        WeakReference<ClassLoader> fixtureLoader = BundleOps.classLoader(fixture);
        fixture.uninstall();
        BundleOps.refresh(context, fixture);
        recorded.awaitEncoder("java-h264");
        recorded.stop();
        recorded.assertSurvivedSwaps(id, 2);
        Collectable.assertCollected("the uninstalled fixture's class loader", fixtureLoader);
    }

    @Test
    public void aPinThroughConfigAdminMovesTheSession() throws Exception {
        BundleOps.installFixture(context);
        RecordedSession recorded = new RecordedSession(manager,
                Files.createTempFile(Path.of(System.getProperty("lumen.itest.work", "target")), "pin", ".h264"));
        String id = recorded.session().id();
        recorded.awaitEncoder("ipcm-h264");
        WeakReference<Object> ipcmBackend = encoderService("ipcm-h264");
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration("io.lumen.session", "?");
        Dictionary<String, Object> pin = new Hashtable<>();
        pin.put("pin.encoder", "java-h264");
        configuration.update(pin);
        recorded.awaitEncoder("java-h264");
        assertEquals("java-h264", manager.pinned(io.lumen.api.backend.BackendRole.ENCODER).orElseThrow());
        configuration.update(new Hashtable<>());
        recorded.awaitEncoder("ipcm-h264");
        recorded.stop();
        recorded.assertSurvivedSwaps(id, 2);
        assertTrue("a pin swaps sessions, it does not drop backends", ipcmBackend.get() != null);
    }

    @Test
    public void aJarDroppedIntoAndRemovedFromDeploy() throws Exception {
        RecordedSession recorded = record("deploy");
        String id = recorded.session().id();
        Path deploy = Path.of(System.getProperty(LumenContainer.DEPLOY_DIR));
        Path staged = deploy.resolve(".fixture.jar.part");
        Path dropped = deploy.resolve("fixture-encoder.jar");
        Files.copy(LumenContainer.testBundle(BundleOps.FIXTURE_JAR), staged);
        Files.move(staged, dropped, StandardCopyOption.ATOMIC_MOVE);
        recorded.awaitEncoder("ipcm-h264");
        WeakReference<ClassLoader> fixtureLoader = BundleOps.classLoader(BundleOps.bundle(context, FIXTURE));
        Files.delete(dropped);
        recorded.awaitEncoder("java-h264");
        recorded.stop();
        recorded.assertSurvivedSwaps(id, 2);
        RecordedSession.await("FileInstall uninstalled the fixture",
                () -> java.util.Arrays.stream(context.getBundles()).noneMatch(b -> FIXTURE.equals(b.getSymbolicName())));
        Collectable.assertCollected("the removed jar's class loader", fixtureLoader);
    }
}
