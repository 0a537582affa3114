package io.lumen.itest;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.StreamSession;
import io.lumen.testkit.Poll;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * {@code lumen:capture} in the real host: the command writes the pin and the target through ConfigAdmin, the
 * session manager takes them up, and a capture backend registered as a service here (ranked below the synthetic
 * one, so only the pin brings it in) records the options every session opens it with.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CaptureCommandIT {

    private static final String NODE = "recording-node";

    @Inject
    private BundleContext context;

    @Inject
    private SessionManager manager;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private final NodeCapture node = new NodeCapture();
    private ServiceRegistration<CaptureBackend> registration;

    @Configuration
    public Option[] config() {
        return LumenContainer.options(List.of("lumen-encode-libav", "lumen-encode-x264"));
    }

    @Before
    public void registerTheNodeCapture() throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, -100);
        registration = context.registerService(CaptureBackend.class, node, properties);
        await("the session manager lists " + NODE,
                () -> manager.backends().stream().anyMatch(b -> b.id().equals(NODE)));
    }

    @After
    public void unregister() {
        registration.unregister();
    }

    @Test
    public void anUnknownBackendIsRefusedWithTheKnownOnesAndNothingIsWritten() throws Exception {
        String refusal = refusal("capture", "pipewrie", "42");
        assertTrue(refusal, refusal.contains("no capture backend 'pipewrie'; registered: "));
        assertTrue(refusal, refusal.contains("synthetic") && refusal.contains(NODE));
        Dictionary<String, Object> stored = configurationAdmin.getConfiguration("io.lumen.session", "?").getProperties();
        assertTrue("no pin persisted: " + stored, stored == null
                || stored.get("pin.capture") == null && stored.get("capture.target") == null);
        String autoWithTarget = refusal("capture", "auto", "42");
        assertTrue(autoWithTarget, autoWithTarget.contains("takes no target"));
    }

    @Test
    public void thePinnedCaptureGetsTheTargetAndAutoClearsPinAndTarget() throws Exception {
        String pinned = command("capture", NODE, "42");
        assertTrue(pinned, pinned.startsWith("capture pinned to " + NODE + ", target 42 (persisted)"));
        Dictionary<String, Object> stored = configurationAdmin.getConfiguration("io.lumen.session", "?").getProperties();
        assertEquals(NODE, stored.get("pin.capture"));
        assertEquals("42", stored.get("capture.target"));
        assertEquals("capture pinned to " + NODE + ", target 42\n", command("capture"));
        await("the pin applied", () -> manager.pinned(BackendRole.CAPTURE).equals(Optional.of(NODE)));

        StreamSession plain = start(Map.of());
        StreamSession ownTarget = start(Map.of(CaptureRequest.TARGET, "my-node-name"));
        assertEquals(NODE, plain.stats().captureBackend());
        assertEquals(List.of(Map.of(CaptureRequest.TARGET, "42"), Map.of(CaptureRequest.TARGET, "my-node-name")),
                node.openedWith);
        assertEquals("each capture is told the session it streams for", List.of(plain.id(), ownTarget.id()),
                node.openedFor);
        assertEquals("target=42", plain.stats().captureStats().get("options"));
        String shown = command("session", plain.id());
        assertTrue(shown, shown.contains("options:") && shown.contains("target=42"));

        String unpinned = command("capture", "auto");
        assertTrue(unpinned, unpinned.startsWith("capture unpinned: best ranking wins (persisted); 2 live session(s)"));
        stored = configurationAdmin.getConfiguration("io.lumen.session", "?").getProperties();
        assertNull(stored.get("pin.capture"));
        assertNull(stored.get("capture.target"));
        assertEquals("capture not pinned: best ranking wins, no target\n", command("capture"));
        await("the live sessions back on the best capture", () -> plain.stats().captureBackend().equals("synthetic")
                && ownTarget.stats().captureBackend().equals("synthetic"));
        assertNull("the synthetic capture got no target", plain.stats().captureStats().get("options"));
        plain.stop();
        ownTarget.stop();
    }

    private StreamSession start(Map<String, String> captureOptions) {
        return manager.start(new StreamRequest("itest", new VideoMode(320, 180, 30), io.lumen.api.media.Codec.H264,
                2000, 1, false, captureOptions), unit -> { });
    }

    private String command(String function, String... args) throws Exception {
        return new LumenShell(context).run(function, args);
    }

    private String refusal(String function, String... args) throws Exception {
        return new LumenShell(context).refusal(function, args);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.every(Duration.ofMillis(10)).awaits(what, Duration.ofSeconds(10), condition);
    }

    /** A capture that delivers nothing and keeps the options of every open: what a session asked it to capture. */
    private static final class NodeCapture implements CaptureBackend {

        /** The options of each open, without the session id (that goes to {@link #openedFor}). */
        final List<Map<String, String>> openedWith = new CopyOnWriteArrayList<>();
        final List<String> openedFor = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return NODE;
        }

        @Override
        public Probe probe() {
            return Probe.ok();
        }

        @Override
        public CaptureSession open(CaptureRequest request, FrameSink sink) {
            Map<String, String> options = new java.util.HashMap<>(request.options());
            openedFor.add(options.remove(CaptureRequest.SESSION_ID));
            openedWith.add(Map.copyOf(options));
            return new CaptureSession() {
                @Override
                public Map<String, Object> stats() {
                    return Map.of();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
