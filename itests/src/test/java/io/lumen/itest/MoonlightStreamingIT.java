package io.lumen.itest;

import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.api.session.SwapEvent;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.Poll;
import io.lumen.testkit.StampTrack;
import io.lumen.testkit.moonlight.ControlTestClient;
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
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
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
        MoonlightHostFixture host = MoonlightHostFixture.onFreePorts(context, configurationAdmin, Map.of());
        try {
            MoonlightTestClient client = host.pairedClient("pax-hevc");
            LaunchKeys keys = LaunchKeys.random();
            Reply launch = client.launch(MoonlightHostFixture.appId(client, "Desktop"), "640x360x30", keys);
            assertEquals(launch.toString(), 200, launch.status());
            StreamOffer hevc = StreamOffer.h264(640, 360, 30, 7).with("x-nv-vqos[0].bitStreamFormat", "1")
                    .with("x-nv-clientSupportHevc", "1");
            try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"),
                    keys, hevc, host.fec("rs8-moonlight"), host.fec("rs8-moonlight-audio"),
                    StreamingTestClient.VideoLossSetting.none())) {
                assertTrue("DESCRIBE offers HEVC: " + stream.handshake().describe(),
                        stream.handshake().describe().contains("sprop-parameter-sets=AAAAAU"));
                List<ReceivedFrame> frames = stream.frames(Duration.ofSeconds(3));
                assertTrue("frames: " + frames.size(), frames.size() >= 10);
                assertTrue("an IDR first", frames.get(0).idr());
                assertEquals("libav-x265", MoonlightHostFixture.session(sessions, "pax-hevc").stats().encoderBackend());
                assertEquals("every IDR slice starts in its frame's first packet, where clients look for it", List.of(),
                        StreamingTestClient.idrFramesWithoutSliceInFirstPacket(frames, hevc.packetSize(), true));
                Path file = Files.createTempFile("moonlight-stream", ".hevc");
                Files.write(file, StreamingTestClient.annexB(frames));
                StampTrack track = StampTrack.of(FfmpegDecoder.decode(file, "hevc")).assertInOrder();
                assertTrue("decoded pictures: " + track.counters().size(), track.counters().size() >= 10);
                Files.delete(file);
            }
            assertEquals(200, client.cancel().status());
        } finally {
            host.delete();
        }
    }

    @Test
    public void aClientStreamsThroughEncoderSwapsWithoutADisconnect() throws Exception {
        MoonlightHostFixture host = MoonlightHostFixture.onFreePorts(context, configurationAdmin, Map.of());
        try {
            MoonlightTestClient client = host.pairedClient("pax-streamer");
            LaunchKeys keys = LaunchKeys.random();
            Reply launch = client.launch(MoonlightHostFixture.appId(client, "Desktop"), "640x360x30", keys);
            assertEquals(launch.toString(), 200, launch.status());

            try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"),
                    keys, StreamOffer.h264(640, 360, 30, 7), host.fec("rs8-moonlight"), host.fec("rs8-moonlight-audio"),
                    StreamingTestClient.VideoLossSetting.none())) {
                List<ReceivedFrame> frames = new ArrayList<>(stream.frames(Duration.ofSeconds(3)));
                assertTrue("streaming before the swap: " + frames.size(), frames.size() >= 20);
                StreamSession session = MoonlightHostFixture.session(sessions, "pax-streamer");
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
                StampTrack track = StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertInOrder();
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
            Poll.every(Duration.ofMillis(50)).awaits("the pipeline to stop with the stream", Duration.ofSeconds(5),
                    () -> MoonlightHostFixture.session(sessions, "pax-streamer") == null);
        } finally {
            host.delete();
        }
    }
}
