package io.lumen.protocol.moonlight.impl;

import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.StreamSession;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.Poll;
import io.lumen.testkit.StampTrack;
import io.lumen.testkit.moonlight.ControlTestClient;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.RtspTestClient;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.lumen.testkit.moonlight.StreamingTestClient.VideoLossSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client streams from a whole host on loopback: RTSP, then video (the synthetic source through the real pipeline
 * and the pure-Java H.264 encoder), audio and the control stream, over real UDP with the launch's keys. What the
 * client rebuilds is decoded with ffmpeg and the source's frame counters read back.
 */
class StreamingTest {

    private static final String MODE = "640x360x30";

    @TempDir
    Path dir;
    private RunningHost host;
    private MoonlightTestClient client;
    private final Rs8MoonlightService videoFec = new Rs8MoonlightService();
    private final Rs8AudioService audioFec = new Rs8AudioService();

    @BeforeEach
    void start() throws Exception {
        host = new RunningHost(dir);
        client = host.paired("streamer");
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private StreamingTestClient stream(LaunchKeys keys, int encryption, VideoLossSetting loss) throws Exception {
        Reply launch = client.launch(7, MODE, keys);
        assertEquals(200, launch.status(), launch.toString());
        return StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                StreamOffer.h264(640, 360, 30, encryption), videoFec, audioFec, loss);
    }

    private StampTrack decode(List<ReceivedFrame> frames) throws Exception {
        Path file = dir.resolve("received.h264");
        Files.write(file, StreamingTestClient.annexB(frames));
        return StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertInOrder();
    }

    private Map<String, Object> streamReport() {
        return host.host.streams().current().orElseThrow(() -> new AssertionError("no stream is running"));
    }

    @Test
    void anEncryptedStreamDecodesWithTheSourcesCountersAndAudioArrives() throws Exception {
        try (StreamingTestClient stream = stream(LaunchKeys.random(), 7, VideoLossSetting.none())) {
            List<ReceivedFrame> frames = stream.frames(Duration.ofSeconds(4));
            assertTrue(frames.size() >= 10, "frames in 4 s at up to 30 fps: " + frames.size());
            assertTrue(frames.get(0).idr(), "the first frame the client gets is a keyframe: " + frames.get(0));
            assertEquals(List.of(), StreamingTestClient.idrFramesWithoutSliceInFirstPacket(frames, 1360, false),
                    "IDR slices start in the frame's first packet, where clients look for them");
            StampTrack track = decode(frames);
            assertTrue(track.counters().size() >= 10, "decoded pictures: " + track.counters().size());
            assertEquals(0, stream.video().stats().framesLost(), stream.video().stats().toString());
            assertTrue(stream.audio().awaitPackets(100, Duration.ofSeconds(5)), stream.audio().stats().toString());
            assertEquals(0, stream.audio().stats().lost(), stream.audio().stats().toString());

            Map<String, Object> report = streamReport();
            assertTrue(String.valueOf(report.get("encryption")).contains("video"), report.toString());
            assertTrue((long) report.get("keyframe requests") >= 1, "Start A asks for the first IDR: " + report);
            assertTrue(String.valueOf(report.get("video")).matches("\\d+ frames, \\d+ packets.*"), report.toString());
        }
    }

    @Test
    void theAppsCaptureLineReachesTheSessionAndItsCapture() throws Exception {
        try (StreamingTestClient stream = stream(LaunchKeys.random(), 7, VideoLossSetting.none())) {
            assertNotNull(stream.video().next(Duration.ofSeconds(5)), "streaming");
            StreamSession session = host.pipelines.started.getLast();
            Map<String, String> options = session.request().captureOptions();
            String pid = options.get(CaptureRequest.APP_PID);
            assertEquals(Map.of(StreamRequest.CAPTURE_BACKEND, "synthetic", CaptureRequest.TARGET, "test-pattern",
                    CaptureRequest.APP_PID, pid), options, "capture = synthetic test-pattern, in the Sleeper app");
            assertTrue(ProcessHandle.of(Long.parseLong(pid)).orElseThrow().info().commandLine().orElse("")
                    .contains("sleep 600"), "app.pid is the Sleeper's command");
            assertEquals("synthetic", session.stats().captureBackend());
            assertEquals("app.pid=" + pid + ", target=test-pattern", session.stats().captureStats().get("options"),
                    "the capture was opened with the app's target and its process");
        }
    }

    @Test
    void lossTheFecCanRepairLosesNoFrame() throws Exception {
        try (StreamingTestClient stream = stream(LaunchKeys.random(), 1, VideoLossSetting.withinFec(0.3, 42))) {
            List<ReceivedFrame> frames = stream.frames(Duration.ofSeconds(4));
            assertTrue(frames.size() >= 10, "frames: " + frames.size());
            assertEquals(0, stream.video().stats().framesLost(), stream.video().stats().toString());
            assertTrue(stream.video().stats().framesRecovered() >= 3, "FEC rebuilt frames: " + stream.video().stats());
            decode(frames);
            assertEquals(0, stream.idrRequestsForLoss());
        }
    }

    /**
     * Loss the parity cannot keep up with (the host sizes it to the loss the client reports, but small frames carry
     * at most 2.55 times their shards, and 35% takes some of those): the client asks, the host sends keyframes.
     */
    @Test
    void lossBeyondTheFecMakesTheClientAskAndTheHostSendKeyframes() throws Exception {
        try (StreamingTestClient stream = stream(LaunchKeys.random(), 1, VideoLossSetting.random(0.35, 7))) {
            Poll.until(Duration.ofSeconds(20), () -> {
                stream.video().drain();
                return stream.idrRequestsForLoss() > 0 && keyframesSent() >= 2;
            });
            assertTrue(stream.video().stats().framesLost() > 0, stream.video().stats().toString());
            assertTrue(stream.idrRequestsForLoss() > 0, stream.counters().toString());
            assertTrue(keyframesSent() >= 2, "keyframes after the first, in answer to the requests: "
                    + streamReport().get("healing"));
            assertTrue((long) streamReport().get("keyframe requests") > 1, streamReport().toString());
        }
    }

    private long keyframesSent() {
        java.util.regex.Matcher sent = java.util.regex.Pattern.compile("sent (\\d+) keyframes")
                .matcher(String.valueOf(streamReport().get("healing")));
        return sent.find() ? Long.parseLong(sent.group(1)) : 0;
    }

    @Test
    void garbageOnEveryPortIsCountedAndTheStreamGoesOn() throws Exception {
        try (StreamingTestClient stream = stream(LaunchKeys.random(), 7, VideoLossSetting.none())) {
            assertNotNull(stream.video().next(Duration.ofSeconds(5)), "streaming");
            try (DatagramSocket stranger = new DatagramSocket()) {
                for (int port : new int[] {stream.handshake().videoPort(), stream.handshake().audioPort(),
                        stream.handshake().controlPort()}) {
                    for (int i = 0; i < 20; i++) {
                        byte[] junk = ByteBuffer.allocate(24 + i).putInt(0xdeadbeef).putInt(i).array();
                        stranger.send(new DatagramPacket(junk, junk.length, new InetSocketAddress("127.0.0.1", port)));
                    }
                }
            }
            ControlTestClient control = stream.control();
            byte[] plain = new byte[30]; // a whole plain message on an encrypted stream
            plain[0] = 6;
            plain[1] = 2;
            plain[2] = 26;
            control.sendRaw(plain, 0);
            control.send(0x0206, new byte[] {0, 0, 0, 9, 1, 2}, 0); // an input packet that is cut short
            control.send(0x7777, new byte[3], 0); // a type no client sends
            int lastBefore = stream.video().drain().stream().mapToInt(ReceivedFrame::frameIndex).max().orElse(0);
            ReceivedFrame after = stream.video().next(Duration.ofSeconds(5));
            assertNotNull(after, "still streaming");
            assertTrue(after.frameIndex() > lastBefore, "frames go on: " + after + " after " + lastBefore);
            Map<String, Object> report = streamReport();
            assertTrue(String.valueOf(report.get("foreign packets")).matches("video [1-9]\\d*, audio [1-9]\\d*, control [1-9].*"),
                    report.toString());
            assertTrue(String.valueOf(report.get("control")).contains("unencrypted=1"), report.toString());
            assertTrue(String.valueOf(report.get("control")).contains("unknown-type=1"), report.toString());
            assertTrue(String.valueOf(report.get("input")).contains("1 rejected"), report.toString());
            assertTrue(stream.control().disconnected().getNow("connected").equals("connected"));
        }
    }

    @Test
    void quittingEndsTheStreamGracefullyAndTheNextLaunchStreams() throws Exception {
        int[] ports;
        try (StreamingTestClient stream = stream(LaunchKeys.random(), 7, VideoLossSetting.none())) {
            assertNotNull(stream.video().next(Duration.ofSeconds(5)));
            ports = new int[] {stream.handshake().videoPort(), stream.handshake().audioPort(),
                    stream.handshake().controlPort()};
            assertEquals(200, client.cancel().status());
            ControlTestClient.HostMessage hdr = stream.control().nextMessage(Duration.ofSeconds(5));
            assertNotNull(hdr);
            assertEquals(0x010e, hdr.type(), "the HDR state comes first, at connect");
            assertEquals(27, hdr.payload().length);
            assertEquals(0, hdr.payload()[0], "SDR");
            ControlTestClient.HostMessage termination = stream.control().nextMessage(Duration.ofSeconds(5));
            assertNotNull(termination, "the host says goodbye before it disconnects");
            assertEquals(0x0109, termination.type());
            assertEquals(0x80030023, ByteBuffer.wrap(termination.payload()).getInt(), "graceful termination");
            assertEquals("REMOTE", stream.control().disconnected().get(5, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertTrue(host.host.streams().current().isEmpty());
        for (int port : ports) {
            new DatagramSocket(new InetSocketAddress("127.0.0.1", port)).close();
        }
        try (StreamingTestClient again = stream(LaunchKeys.random(), 7, VideoLossSetting.none())) {
            assertNotNull(again.video().next(Duration.ofSeconds(5)), "the next launch streams");
        }
    }

    @Test
    void aClientThatVanishesIsTimedOutAndItsPortsFreed() throws Exception {
        StreamingTestClient stream = stream(LaunchKeys.random(), 1, VideoLossSetting.none());
        assertNotNull(stream.video().next(Duration.ofSeconds(5)));
        int videoPort = stream.handshake().videoPort();
        stream.control().vanish();
        // the control stream's peer timeout (10 s) runs on ENet's own clock, so this waits it out
        Poll.every(Duration.ofMillis(100)).awaits("the host to end the stream of a silent client",
                Duration.ofSeconds(20), () -> host.host.streams().current().isEmpty());
        new DatagramSocket(new InetSocketAddress("127.0.0.1", videoPort)).close();
        assertTrue(host.pipelines.started.stream().noneMatch(s -> s.isActive()), "and stopped its pipeline");
        stream.close();
    }

    /** A teardown step that throws must not keep the stream's ports or its control thread: each is freed anyway. */
    @Test
    void aFailingStepInTheTeardownStillFreesEveryPortAndThread() throws Exception {
        host.pipelines.failingStops = true;
        RtspTestClient.Handshake handshake;
        try (StreamingTestClient stream = stream(LaunchKeys.random(), 7, VideoLossSetting.none())) {
            assertNotNull(stream.video().next(Duration.ofSeconds(5)), "streaming");
            handshake = stream.handshake();
            assertEquals(200, client.cancel().status());
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> host.host.streams().current().isEmpty()),
                    "the stream ended");
        }
        for (int port : new int[] {handshake.videoPort(), handshake.audioPort(), handshake.controlPort()}) {
            try (java.nio.channels.DatagramChannel again = java.nio.channels.DatagramChannel.open()) {
                again.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            }
        }
        String enetThread = "enet-" + handshake.controlPort();
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(enetThread)),
                "the control stream's thread ended");
        host.pipelines.failingStops = false;
        try (StreamingTestClient again = stream(LaunchKeys.random(), 7, VideoLossSetting.none())) {
            assertNotNull(again.video().next(Duration.ofSeconds(5)), "the next launch streams");
        }
    }
}
