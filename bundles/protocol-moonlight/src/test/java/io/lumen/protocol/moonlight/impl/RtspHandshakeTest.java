package io.lumen.protocol.moonlight.impl;

import io.lumen.api.input.InputKind;
import io.lumen.api.media.Codec;
import io.lumen.api.media.VideoMode;
import io.lumen.protocol.moonlight.impl.stream.StreamParameters;
import io.lumen.testkit.input.RecordingInput;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.RtspTestClient;
import io.lumen.testkit.moonlight.StreamOffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RTSP handshake against a whole host on loopback, as a Moonlight client runs it after /launch. */
class RtspHandshakeTest {

    @TempDir
    Path dir;
    private RunningHost host;
    private MoonlightTestClient client;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    private RtspTestClient launched(int codecModes, LaunchKeys keys) throws Exception {
        host = new RunningHost(dir, RunningHost.APPS, () -> codecModes);
        client = host.paired("rtsp-tester");
        Reply launch = client.launch(7, "1280x720x60", keys);
        assertEquals(200, launch.status(), launch.toString());
        String url = launch.field("sessionUrl0");
        assertTrue(url.startsWith("rtspenc://"), url);
        assertEquals(host.host.rtspPort(), Integer.parseInt(url.substring(url.lastIndexOf(':') + 1)),
                "sessionUrl0 names the RTSP port");
        return new RtspTestClient("127.0.0.1", host.host.rtspPort(), keys);
    }

    @Test
    void touchAndPenAreOfferedWhenTheInputBackendInjectsThem() throws Exception {
        host = new RunningHost(dir, RunningHost.APPS, () -> CodecModes.H264);
        host.pipelines.addInput(new RecordingInput("touchy", EnumSet.of(InputKind.TOUCH, InputKind.PEN,
                InputKind.GAMEPAD_TOUCHPAD), new ArrayList<>()));
        client = host.paired("rtsp-tester");
        LaunchKeys keys = LaunchKeys.random();
        assertEquals(200, client.launch(7, "1280x720x60", keys).status());
        RtspTestClient.Handshake done = new RtspTestClient("127.0.0.1", host.host.rtspPort(), keys)
                .handshake("rtspenc://127.0.0.1:" + host.host.rtspPort(), StreamOffer.h264(1280, 720, 60, 7));
        assertTrue(done.describe().contains("a=x-ss-general.featureFlags:3\n"),
                "pen and touch (0x1) and pad touchpads (0x2): " + done.describe());
    }

    @Test
    void aWholeEncryptedHandshakeNegotiatesTheStream() throws Exception {
        RtspTestClient rtsp = launched(CodecModes.H264 | CodecModes.HEVC, LaunchKeys.random());
        RtspTestClient.Handshake done = rtsp.handshake("rtspenc://127.0.0.1:" + host.host.rtspPort(),
                StreamOffer.h264(1280, 720, 60, 7));

        assertTrue(done.describe().contains("a=x-ss-general.encryptionSupported:7"), done.describe());
        assertTrue(done.describe().contains("a=x-ss-general.featureFlags:0\n"),
                "no input backend injects touch: the client turns it into mouse events: " + done.describe());
        assertTrue(done.describe().contains("sprop-parameter-sets=AAAAAU"), "HEVC is offered: " + done.describe());
        assertFalse(done.describe().contains("AV1/90000"), "AV1 is not: " + done.describe());
        assertEquals(16, done.pingPayload().length());
        for (int port : new int[] {done.audioPort(), done.videoPort(), done.controlPort()}) {
            assertTrue(port > 0);
            assertThrows(IOException.class, () -> new DatagramSocket(new InetSocketAddress("127.0.0.1", port)).close(),
                    "SETUP bound UDP port " + port);
        }
        StreamParameters announced = host.host.streams().announced().orElseThrow();
        assertEquals(new VideoMode(1280, 720, 60), announced.mode());
        assertEquals(Codec.H264, announced.codec());
        assertEquals(1360, announced.packetSize());
        assertTrue(announced.videoEncrypted() && announced.audioEncrypted() && announced.controlEncrypted());
        assertTrue(announced.encoderBitrateKbps(20) < 10_000 * 80 / 100, "room left for FEC, audio and overhead");
        assertEquals(7, host.host.rtspStats().answered(), "OPTIONS, DESCRIBE, 3 SETUPs, ANNOUNCE, PLAY");
    }

    @Test
    void endingTheLaunchReleasesTheStreamPorts() throws Exception {
        RtspTestClient rtsp = launched(CodecModes.H264, LaunchKeys.random());
        RtspTestClient.Handshake done = rtsp.handshake("rtspenc://127.0.0.1:" + host.host.rtspPort(),
                StreamOffer.h264(1280, 720, 60, 1));
        assertEquals(200, client.cancel().status());
        for (int port : new int[] {done.audioPort(), done.videoPort(), done.controlPort()}) {
            new DatagramSocket(new InetSocketAddress("127.0.0.1", port)).close();
        }
        assertEquals(0, new RtspTestClient("127.0.0.1", host.host.rtspPort(), null).roundTrip(new byte[] {'x'}).length,
                "with no launch waiting, a connection is closed unanswered");
        assertEquals(1, host.host.rtspStats().noLaunch());
    }

    @Test
    void aRequestSealedWithAnotherKeyIsRefusedAndTheHandshakeStillWorks() throws Exception {
        LaunchKeys keys = LaunchKeys.random();
        RtspTestClient rtsp = launched(CodecModes.H264, keys);
        RtspTestClient stranger = new RtspTestClient("127.0.0.1", host.host.rtspPort(), LaunchKeys.random());
        assertThrows(IOException.class, () -> stranger.request("OPTIONS", "rtspenc://x", Map.of(), ""),
                "the reply is sealed with the launch's key, which the stranger does not have");
        assertEquals(1, host.host.rtspStats().malformed());
        rtsp.handshake("rtspenc://127.0.0.1:" + host.host.rtspPort(), StreamOffer.h264(1280, 720, 60, 1));
    }

    @Test
    void aReplayedRequestIsRefused() throws Exception {
        RtspTestClient rtsp = launched(CodecModes.H264, LaunchKeys.random());
        byte[] options = rtsp.seal("OPTIONS rtspenc://x RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(rtsp.roundTrip(options).length > 0);
        assertEquals(1, host.host.rtspStats().answered());
        byte[] again = rtsp.roundTrip(options);
        assertTrue(again.length > 0, "answered with a sealed 400");
        assertEquals(1, host.host.rtspStats().answered());
        assertEquals(1, host.host.rtspStats().malformed());
    }

    @Test
    void plainAndMalformedMessagesOnAnEncryptedLaunchAreRefused() throws Exception {
        RtspTestClient rtsp = launched(CodecModes.H264, LaunchKeys.random());
        RtspTestClient plain = new RtspTestClient("127.0.0.1", host.host.rtspPort(), null);
        byte[] refused = plain.roundTrip("OPTIONS rtsp://x RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(refused.length > 24 && (refused[0] & 0x80) != 0, "encryption is required: a sealed 400 comes back");
        assertEquals(400, rtsp.exchange("HELLO\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)).status());
        assertEquals(400, rtsp.exchange("OPTIONS x RTSP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)).status(),
                "no CSeq");
        byte[] huge = new byte[8];
        huge[0] = (byte) 0xff; // a sealed length of 2 GB
        plain.roundTrip(huge);
        assertEquals(4, host.host.rtspStats().malformed());
        rtsp.handshake("rtspenc://127.0.0.1:" + host.host.rtspPort(), StreamOffer.h264(1280, 720, 60, 1));
    }

    @Test
    void aConnectionTricklingOneByteAtATimeIsClosedAtItsDeadline() throws Exception {
        launched(CodecModes.H264, LaunchKeys.random());
        byte[] request = new byte[24 + 256]; // a sealed message of 256 bytes (the launch encrypts RTSP), never whole
        request[0] = (byte) 0x80;
        request[2] = 1;
        long started = System.nanoTime();
        boolean closedByHost = false;
        // a read timeout that restarts with every byte would keep this open for as long as the client trickles
        try (Socket trickle = new Socket("127.0.0.1", host.host.rtspPort())) {
            trickle.setSoTimeout(700);
            for (int sent = 0; sent < request.length && !closedByHost
                    && System.nanoTime() - started < Duration.ofSeconds(25).toNanos(); sent++) {
                try {
                    trickle.getOutputStream().write(request[sent]);
                    closedByHost = trickle.getInputStream().read() < 0;
                } catch (SocketTimeoutException stillOpen) {
                    // the host holds the connection: send the next byte
                } catch (IOException reset) {
                    closedByHost = true;
                }
            }
        }
        assertTrue(closedByHost, "the host closed the trickling connection");
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(20).toNanos(),
                "closed at the 10 s deadline, not after the whole trickle");
    }

    @Test
    void anUnusableAnnounceIsABadRequest() throws Exception {
        RtspTestClient rtsp = launched(CodecModes.H264, LaunchKeys.random());
        String url = "rtspenc://127.0.0.1:" + host.host.rtspPort();
        IOException hevc = assertThrows(IOException.class, () -> rtsp.handshake(url,
                StreamOffer.h264(1280, 720, 60, 1).with("x-nv-vqos[0].bitStreamFormat", "1")));
        assertTrue(hevc.getMessage().contains("ANNOUNCE answered 400"), hevc.getMessage());
        IOException missing = assertThrows(IOException.class, () -> rtsp.handshake(url,
                StreamOffer.h264(1280, 720, 60, 1).with("x-nv-video[0].packetSize", "")));
        assertTrue(missing.getMessage().contains("ANNOUNCE answered 400"), missing.getMessage());
        assertEquals(404, rtsp.request("SETUP", "streamid=subtitles/0/0", Map.of(), "").status());
        assertEquals(404, rtsp.request("TEARDOWN", "/", Map.of(), "").status());
        assertTrue(host.host.streams().announced().isEmpty());
        rtsp.handshake(url, StreamOffer.h264(1920, 1080, 60, 1));
        assertEquals(new VideoMode(1920, 1080, 60), host.host.streams().announced().orElseThrow().mode());
    }
}
