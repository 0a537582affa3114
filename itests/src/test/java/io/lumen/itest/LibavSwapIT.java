package io.lumen.itest;

import io.lumen.api.backend.BackendInfo;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.session.SessionManager;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import static org.junit.Assert.assertEquals;

/**
 * The native encoder in the assembled host: libav-x264 outranks the pure-Java encoder, a live session moves
 * between the two by pin, and to the next best (encode-x264's x264, else Java) when the libav bundle stops
 * mid-stream and back when it returns; its stream decodes across every swap, with a keyframe after each.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class LibavSwapIT {

    private static final String LIBAV = "io.lumen.encode.libav";

    @Inject
    private BundleContext context;

    @Inject
    private SessionManager manager;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] config() {
        return LumenContainer.options();
    }

    private RecordedSession startOnLibav(String name) throws Exception {
        BackendInfo x264 = manager.backends().stream()
                .filter(b -> b.role() == BackendRole.ENCODER && b.id().equals("libav-x264")).findFirst().orElseThrow();
        Assume.assumeTrue("libav-x264 cannot run here: " + x264.probe(), x264.probe().available());
        RecordedSession recorded = new RecordedSession(manager,
                Files.createTempFile(Path.of(System.getProperty("lumen.itest.work", "target")), name, ".h264"),
                new io.lumen.api.media.VideoMode(640, 360, 30));
        recorded.awaitEncoder("libav-x264");
        return recorded;
    }

    /** What takes over from libav-x264: encode-x264's x264 (ranked just below it) where libx264 runs, else Java. */
    private String nextBest() {
        boolean x264 = manager.backends().stream().anyMatch(b -> b.role() == BackendRole.ENCODER
                && b.id().equals("x264") && b.probe().available());
        return x264 ? "x264" : "java-h264";
    }

    @Test
    public void aPinMovesTheSessionToTheJavaEncoderAndBack() throws Exception {
        RecordedSession recorded = startOnLibav("libav-pin");
        String id = recorded.session().id();
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration("io.lumen.session", "?");
        Dictionary<String, Object> pin = new Hashtable<>();
        pin.put("pin.encoder", "java-h264");
        configuration.update(pin);
        recorded.awaitEncoder("java-h264");
        configuration.update(new Hashtable<>());
        recorded.awaitEncoder("libav-x264");
        recorded.stop();
        recorded.assertSurvivedSwaps(id, 2);
    }

    @Test
    public void updatingTheLibavBundleInPlaceLeavesNothingOfTheOldRevisionBehind() throws Exception {
        // its encoder, converter thread and library lookups must go with the old revision
        BundleOps.updateInPlaceDuring(context, startOnLibav("libav-update"), LIBAV, "libav-x264");
    }

    @Test
    public void stoppingTheLibavBundleMidStreamFallsBackAndItsReturnIsTakenUp() throws Exception {
        RecordedSession recorded = startOnLibav("libav-stop");
        String id = recorded.session().id();
        BundleOps.bundle(context, LIBAV).stop(); // its encoder is closed in the unbind, while its classes exist
        recorded.awaitEncoder(nextBest());
        BundleOps.bundle(context, LIBAV).start();
        recorded.awaitEncoder("libav-x264");
        recorded.stop();
        assertEquals("the same session went on", id, recorded.session().id());
        recorded.assertSurvivedSwaps(id, 2);
    }
}
