package io.lumen.itest;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.api.session.SwapEvent;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.ControlTestClient;
import io.lumen.testkit.moonlight.FreeBasePort;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * A Moonlight client streams from lumen inside Felix, end to end: pairing (the PIN typed through the host's
 * command), launch, RTSP, video, audio and control; meanwhile the encoder bundle is stopped and started again. The
 * client sees a stall and a keyframe at each swap, never a disconnect, and the pictures it rebuilt decode with the
 * source's counters in order across both swaps.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MoonlightStreamingIT {

    private static final String PID = "io.lumen.protocol.moonlight";
    private static final String LIBAV = "io.lumen.encode.libav";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private SessionManager sessions;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        return LumenContainer.options();
    }

    @Test
    public void hevcStreamsWhenTheClientPrefersIt() throws Exception {
        Configuration configuration = hostOnFreePorts();
        try {
            MoonlightTestClient client = pairedClient(configuration, "pax-hevc");
            LaunchKeys keys = LaunchKeys.random();
            Reply launch = client.launch(desktop(client), "640x360x30", keys);
            assertEquals(launch.toString(), 200, launch.status());
            StreamOffer hevc = StreamOffer.h264(640, 360, 30, 7).with("x-nv-vqos[0].bitStreamFormat", "1")
                    .with("x-nv-clientSupportHevc", "1");
            try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"),
                    keys, hevc, fec("rs8-moonlight"), fec("rs8-moonlight-audio"),
                    StreamingTestClient.VideoLossSetting.none())) {
                assertTrue("DESCRIBE offers HEVC: " + stream.handshake().describe(),
                        stream.handshake().describe().contains("sprop-parameter-sets=AAAAAU"));
                List<ReceivedFrame> frames = stream.frames(Duration.ofSeconds(3));
                assertTrue("frames: " + frames.size(), frames.size() >= 10);
                assertTrue("an IDR first", frames.get(0).idr());
                assertEquals("libav-x265", session("pax-hevc").stats().encoderBackend());
                assertEquals("every IDR slice starts in its frame's first packet, where clients look for it", List.of(),
                        StreamingTestClient.idrFramesWithoutSliceInFirstPacket(frames, hevc.packetSize(), true));
                Path file = Files.createTempFile("moonlight-stream", ".hevc");
                Files.write(file, StreamingTestClient.annexB(frames));
                StampTrack track = StampTrack.of(FfmpegDecoder.decode(file, "hevc")).assertStrictlyIncreasing();
                assertTrue("decoded pictures: " + track.counters().size(), track.counters().size() >= 10);
                Files.delete(file);
            }
            assertEquals(200, client.cancel().status());
        } finally {
            configuration.delete();
        }
    }

    @Test
    public void aClientStreamsThroughEncoderSwapsWithoutADisconnect() throws Exception {
        Configuration configuration = hostOnFreePorts();
        try {
            MoonlightTestClient client = pairedClient(configuration, "pax-streamer");
            LaunchKeys keys = LaunchKeys.random();
            Reply launch = client.launch(desktop(client), "640x360x30", keys);
            assertEquals(launch.toString(), 200, launch.status());

            try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"),
                    keys, StreamOffer.h264(640, 360, 30, 7), fec("rs8-moonlight"), fec("rs8-moonlight-audio"),
                    StreamingTestClient.VideoLossSetting.none())) {
                List<ReceivedFrame> frames = new ArrayList<>(stream.frames(Duration.ofSeconds(3)));
                assertTrue("streaming before the swap: " + frames.size(), frames.size() >= 20);
                StreamSession session = session("pax-streamer");
                String before = session.stats().encoderBackend();

                BundleOps.bundle(context, LIBAV).stop();
                List<ReceivedFrame> during = stream.frames(Duration.ofSeconds(4));
                BundleOps.bundle(context, LIBAV).start();
                List<ReceivedFrame> after = stream.frames(Duration.ofSeconds(4));

                assertFalse("the control stream stayed up", stream.control().disconnected().isDone());
                assertTrue("frames kept coming while " + LIBAV + " was stopped: " + during.size(), during.size() >= 20);
                assertTrue("a keyframe followed the swap away", during.stream().anyMatch(ReceivedFrame::idr));
                assertTrue("frames came after the bundle returned: " + after.size(), after.size() >= 20);
                assertTrue("a keyframe followed the swap back", after.stream().anyMatch(ReceivedFrame::idr));
                List<SwapEvent> swaps = session.stats().swaps();
                assertTrue("two swaps: " + swaps, swaps.size() >= 2);
                for (SwapEvent swap : swaps) {
                    assertTrue("each swap stalled the picture briefly: " + swap, swap.stall().isPresent()
                            && swap.stall().get().compareTo(Duration.ofSeconds(2)) < 0);
                }
                System.out.println("moonlight stream through encoder swaps: " + before + " -> "
                        + swaps.stream().map(s -> s.to() + " (stall " + s.stall().map(Duration::toMillis).orElse(-1L)
                        + " ms)").toList() + "; frames " + frames.size() + "/" + during.size() + "/" + after.size());

                frames.addAll(during);
                frames.addAll(after);
                assertEquals("x264's and the Java encoder's IDR slices start in the first packet", List.of(),
                        StreamingTestClient.idrFramesWithoutSliceInFirstPacket(frames, 1360, false));
                assertEquals(0, stream.video().stats().framesLost());
                Path file = Files.createTempFile("moonlight-stream", ".h264");
                Files.write(file, StreamingTestClient.annexB(frames));
                StampTrack track = StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertStrictlyIncreasing();
                assertTrue("decoded pictures: " + track.counters().size(), track.counters().size() >= 60);
                Files.delete(file);

                assertEquals(200, client.cancel().status());
                ControlTestClient.HostMessage goodbye = stream.control().nextMessage(Duration.ofSeconds(5));
                if (goodbye != null && goodbye.type() == 0x010e) { // the HDR state sent at connect
                    goodbye = stream.control().nextMessage(Duration.ofSeconds(5));
                }
                assertNotNull("the host ends the stream with a termination message", goodbye);
                assertEquals(0x0109, goodbye.type());
                assertEquals(0x80030023, ByteBuffer.wrap(goodbye.payload()).getInt());
                assertEquals("REMOTE", stream.control().disconnected().get(5, TimeUnit.SECONDS));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (session("pax-streamer") != null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertNull("the pipeline stopped with the stream", session("pax-streamer"));
        } finally {
            configuration.delete();
        }
    }

    /** The live session streaming to the named client, or null. */
    private StreamSession session(String clientName) {
        return sessions.sessions().stream().filter(s -> s.request().client().contains("\"" + clientName + "\""))
                .findFirst().orElse(null);
    }

    /** The host moved to a free base port, as an operator moves it with ConfigAdmin. */
    private Configuration hostOnFreePorts() throws Exception {
        Configuration configuration = configurationAdmin.getConfiguration(PID, "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("port", FreeBasePort.find());
        properties.put("mdns", false);
        configuration.update(properties);
        return configuration;
    }

    private MoonlightTestClient pairedClient(Configuration configuration, String name) throws Exception {
        int base = (Integer) configuration.getProperties().get("port");
        MoonlightTestClient client = new MoonlightTestClient("127.0.0.1", base, base - 5, ClientIdentity.generate(),
                name);
        awaitHost(client);
        assertEquals(MoonlightTestClient.PairOutcome.PAIRED, client.pair("4321", () -> typePin("4321")));
        return client;
    }

    private static int desktop(MoonlightTestClient client) throws Exception {
        return client.apps().stream().filter(a -> a.endsWith("=Desktop")).map(a -> a.split("=")[0])
                .mapToInt(Integer::parseInt).findFirst().orElseThrow();
    }

    private FecCodec fec(String id) throws Exception {
        ServiceReference<FecCodec> ref = context.getServiceReferences(FecCodec.class, "(fec.id=" + id + ")")
                .iterator().next();
        return context.getService(ref);
    }

    private static void awaitHost(MoonlightTestClient client) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                client.http("/serverinfo", "");
                return;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the host did not come up", notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Types the PIN the way an operator does, through the host's lumen:pair command, once the client waits. */
    private void typePin(String pin) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null,
                    "(&(osgi.command.scope=lumen)(osgi.command.function=pair))");
            Object command = context.getService(refs[0]);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                try {
                    command.getClass().getMethod("pair", String.class).invoke(command, pin);
                    return;
                } catch (InvocationTargetException noClientYet) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("lumen:pair never found a waiting client", noClientYet.getCause());
                    }
                    Thread.sleep(20);
                }
            }
        } catch (Exception e) {
            throw new AssertionError("typing the PIN failed", e);
        }
    }
}
