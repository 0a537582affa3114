package io.lumen.itest;

import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.OptionUtils.combine;

/**
 * The gamescope bundle is updated while a Moonlight client streams an app launched inside gamescope: the client's
 * stream and the session survive, gamescope (and the app in it) keep running, the new revision finds the same node
 * again, and the old revision can be collected. Quitting then ends gamescope.
 * <p>
 * What stands in for gamescope, which cannot run here, is {@code gamescope-stand-in.sh}: a script that runs the app
 * and offers a PipeWire node named "gamescope" (lumen's pattern producer), announced in gamescope's node-line format.
 * Everything else is real: Felix with the distribution's bundles, a private PipeWire daemon with WirePlumber, the
 * Moonlight launch, the capture, encoder and UDP streams.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GamescopeSwapIT {

    private static final String GAMESCOPE = "io.lumen.capture.gamescope";
    /** Set by the container's configuration when no daemon could run here: why this test is skipped. */
    private static final String SKIPPED = "lumen.itest.gamescope.skipped";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private SessionManager sessions;

    /** Points capture-pipewire at a private daemon and capture-gamescope at the stand-in (outside the container). */
    @org.ops4j.pax.exam.Configuration
    public Option[] config() throws IOException {
        Option[] container = LumenContainer.options(List.of("lumen-encode-libav", "lumen-encode-x264"));
        PipeWireDaemon daemon = ContainerServers.pipeWire(SKIPPED).orElse(null);
        if (daemon == null) {
            return container;
        }
        Path work = Files.createDirectories(Path.of(System.getProperty("lumen.itest.work", "target/itest-work")));
        Path standIn = work.resolve("gamescope-stand-in.sh");
        String script = new String(GamescopeSwapIT.class.getResourceAsStream("gamescope-stand-in.sh").readAllBytes(),
                StandardCharsets.UTF_8)
                .replace("@JAVA@", Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .replace("@CLASSPATH@", System.getProperty("lumen.itest.pw-producer"))
                .replace("@SOCKET@", daemon.socket().toString());
        Files.writeString(standIn, script);
        assertTrue(standIn.toFile().setExecutable(true));
        return combine(container,
                frameworkProperty("lumen.pipewire.remote").value(daemon.socket().toString()),
                frameworkProperty("lumen.gamescope.binary").value(standIn.toString()),
                // the stand-in starts a JVM for its producer before it announces the node
                frameworkProperty("lumen.gamescope.node-timeout-ms").value("30000"));
    }

    @Test
    public void updatingTheGamescopeBundleMidStreamKeepsTheStreamAndGamescope() throws Exception {
        Assume.assumeTrue(System.getProperty(SKIPPED), System.getProperty(SKIPPED) == null);
        Path apps = Files.writeString(Files.createTempFile(Path.of(System.getProperty("lumen.itest.work",
                "target")), "gamescope-apps", ".conf"), "[Game]\ncommand = sleep 600\ncapture = gamescope\n");
        MoonlightHostFixture host = MoonlightHostFixture.onFreePorts(context, configurationAdmin,
                Map.of("apps.file", apps.toString()));
        try {
            MoonlightTestClient client = host.pairedClient("pax-gamescope");
            LaunchKeys keys = LaunchKeys.random();
            Reply launch = client.launch(MoonlightHostFixture.appId(client, "Game"), "320x240x30", keys);
            assertEquals(launch.toString(), 200, launch.status());
            try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"),
                    keys, StreamOffer.h264(320, 240, 30, 7), host.fec("rs8-moonlight"),
                    host.fec("rs8-moonlight-audio"), StreamingTestClient.VideoLossSetting.none())) {
                StreamSession session = awaitSession("pax-gamescope");
                await("the session streams gamescope's node", () -> "gamescope".equals(
                        session.stats().captureBackend()) && session.stats().captureStats().get("gamescope.node") != null);
                String node = String.valueOf(session.stats().captureStats().get("gamescope.node"));
                assertTrue(node, node.endsWith(" (advertised)"));
                long gamescope = Long.parseLong(session.request().captureOptions().get(CaptureRequest.APP_PID));
                List<ProcessHandle> inside = ProcessHandle.of(gamescope).orElseThrow().descendants().toList();
                assertTrue("the app and the producer run inside: " + inside, inside.size() >= 2);
                List<ReceivedFrame> before = stream.frames(Duration.ofSeconds(3));
                assertTrue("streaming gamescope before the update: " + before.size(), before.size() >= 20);

                Bundle bundle = BundleOps.bundle(context, GAMESCOPE);
                WeakReference<ClassLoader> oldRevision = BundleOps.classLoader(bundle);
                bundle.update();
                BundleOps.refresh(context, bundle);
                // the frames from the update on, so the keyframe after the swaps is among them
                List<ReceivedFrame> after = new ArrayList<>();
                await("the session to come back to gamescope after the update", () -> {
                    if (session.stats().swaps().size() >= 2 && "gamescope".equals(session.stats().captureBackend())
                            && session.stats().captureStats().get("gamescope.node") != null) {
                        return true;
                    }
                    try {
                        after.addAll(stream.frames(Duration.ofMillis(100)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return false;
                });
                int backAt = after.size();
                after.addAll(stream.frames(Duration.ofSeconds(3)));

                assertFalse("the control stream stayed up", stream.control().disconnected().isDone());
                assertTrue("frames came after the session was back on gamescope: " + (after.size() - backAt),
                        after.size() - backAt >= 20);
                // the swaps away and back follow each other within milliseconds: one keyframe may serve both
                assertTrue("a keyframe followed the swaps", after.stream().anyMatch(ReceivedFrame::idr));
                assertEquals("the new revision found the same node", node,
                        String.valueOf(session.stats().captureStats().get("gamescope.node")));
                assertTrue("gamescope kept running through the update", ProcessHandle.of(gamescope)
                        .map(ProcessHandle::isAlive).orElse(false));
                assertTrue("and what runs inside it", inside.stream().allMatch(ProcessHandle::isAlive));
                Collectable.assertCollected("the class loader of " + GAMESCOPE + "'s old revision", oldRevision);
                System.out.println("gamescope stream through a bundle update: swaps " + session.stats().swaps()
                        + "; frames " + before.size() + "/" + backAt + "/" + (after.size() - backAt));

                assertEquals(200, client.cancel().status());
                await("quitting ended gamescope and the app inside", () -> ProcessHandle.of(gamescope)
                        .map(p -> !p.isAlive()).orElse(true) && inside.stream().noneMatch(ProcessHandle::isAlive));
            }
        } finally {
            host.delete();
        }
    }

    private StreamSession awaitSession(String client) throws InterruptedException {
        await("a session for " + client, () -> MoonlightHostFixture.session(sessions, client) != null);
        return MoonlightHostFixture.session(sessions, client);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.every(Duration.ofMillis(10)).awaits(what, Duration.ofSeconds(40), condition);
    }
}
