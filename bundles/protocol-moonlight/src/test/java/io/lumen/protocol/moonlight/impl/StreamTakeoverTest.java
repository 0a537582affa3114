package io.lumen.protocol.moonlight.impl;

import io.lumen.enet.EnetHost;
import io.lumen.enet.EnetListener;
import io.lumen.enet.EnetOptions;
import io.lumen.enet.EnetPeer;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.AudioReceiver;
import io.lumen.testkit.moonlight.AudioReceiverOptions;
import io.lumen.testkit.moonlight.ControlTestClient;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.RtspTestClient;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.VideoReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another machine on the LAN (a second loopback address, 127.0.0.2) tries to take over a launch made without
 * encrypted RTSP ({@code corever} 0): everything on the wire is readable then, so it races the real client to the
 * RTSP port, and pings the stream ports and connects the control port with what it saw. The host serves only the
 * address that launched.
 */
class StreamTakeoverTest {

    private static final InetAddress ATTACKER = OtherMachines.loopback(2);
    private static final String MODE = "640x360x30";

    @TempDir
    Path dir;
    private RunningHost host;
    private MoonlightTestClient client;

    @BeforeEach
    void start() throws Exception {
        OtherMachines.usable(2); // the attacker's address
        host = new RunningHost(dir);
        client = host.paired("victim");
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    private String plainLaunch(LaunchKeys keys) throws Exception {
        Reply launch = client.launchWithCoreVersion(7, MODE, keys, 0);
        assertEquals(200, launch.status(), launch.toString());
        String url = launch.field("sessionUrl0");
        assertTrue(url.startsWith("rtsp://"), "plain RTSP for corever 0: " + url);
        return url;
    }

    @Test
    void anotherAddressIsRefusedOnThePlainRtspPortAndTheLaunchingClientThenStreams() throws Exception {
        LaunchKeys keys = LaunchKeys.random();
        String url = plainLaunch(keys);
        RtspTestClient attacker = new RtspTestClient("127.0.0.1", host.host.rtspPort(), null, ATTACKER);
        byte[] setup = "SETUP streamid=video/0/0 RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(0, attacker.roundTrip(setup).length, "SETUP from another address: closed unanswered");
        String sdp = StreamOffer.h264(640, 360, 30, 7).sdp("127.0.0.2");
        byte[] announce = ("ANNOUNCE streamid=control/13/0 RTSP/1.0\r\nCSeq: 2\r\nContent-length: "
                + sdp.length() + "\r\n\r\n" + sdp).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(0, attacker.roundTrip(announce).length, "ANNOUNCE from another address: closed unanswered");
        assertEquals(2, host.host.rtspStats().foreignClient(), host.host.rtspStats().toString());
        assertEquals(0, host.host.rtspStats().answered(), "nothing was answered to the other address");

        RtspTestClient.Handshake done = new RtspTestClient("127.0.0.1", host.host.rtspPort(), null)
                .handshake(url, StreamOffer.h264(640, 360, 30, 7));
        try (Streams streams = Streams.open(done, keys)) {
            assertNotNull(streams.video.next(Duration.ofSeconds(5)), "the launching client streams");
        }
    }

    @Test
    void pingsAndAControlConnectionFromAnotherAddressDoNotTakeTheStreams() throws Exception {
        LaunchKeys keys = LaunchKeys.random();
        String url = plainLaunch(keys);
        RtspTestClient.Handshake done = new RtspTestClient("127.0.0.1", host.host.rtspPort(), null)
                .handshake(url, StreamOffer.h264(640, 360, 30, 7));
        // what a sniffer of the plain handshake knows: the ping payload and the connect data
        byte[] ping = ByteBuffer.allocate(20).put(done.pingPayload().getBytes(StandardCharsets.US_ASCII))
                .putInt(1).array();
        try (DatagramSocket pinger = new DatagramSocket(new InetSocketAddress(ATTACKER, 0));
             EnetHost enet = EnetHost.open(new InetSocketAddress(ATTACKER, 0), EnetOptions.defaults()
                     .withMaxPeers(1), new Ignoring())) {
            for (int port : new int[] {done.videoPort(), done.audioPort()}) {
                pinger.send(new DatagramPacket(ping, ping.length, new InetSocketAddress("127.0.0.1", port)));
            }
            enet.connect(new InetSocketAddress("127.0.0.1", done.controlPort()), 16, (int) done.connectData());
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> report().contains("1 connections refused")
                    && report().matches("video [1-9].*, audio [1-9].*")), "the other address counted, not served: "
                    + report());
            try (Streams streams = Streams.open(done, keys)) {
                assertNotNull(streams.video.next(Duration.ofSeconds(5)), "video goes to the launching client");
                assertTrue(streams.audio.awaitPackets(20, Duration.ofSeconds(5)), "so does audio");
                assertTrue(Poll.until(Duration.ofSeconds(5), () -> (long) stream().get("keyframe requests") >= 1),
                        "the launching client's control stream is the one served: " + stream());
                assertEquals("connected", streams.control.disconnected().getNow("connected"));
            }
        }
    }

    private Map<String, Object> stream() {
        return host.host.streams().current().orElseThrow(() -> new AssertionError("no stream is running"));
    }

    private String report() {
        return String.valueOf(stream().get("foreign packets"));
    }

    /** The launching client's receivers and control connection, from 127.0.0.1. */
    private record Streams(VideoReceiver video, AudioReceiver audio, ControlTestClient control)
            implements AutoCloseable {

        static Streams open(RtspTestClient.Handshake done, LaunchKeys keys) throws IOException {
            VideoReceiver video = new VideoReceiver(new InetSocketAddress("127.0.0.1", done.videoPort()),
                    VideoReceiver.Options.of(done.announced().packetSize(), done.pingPayload(),
                            new Rs8MoonlightService()).withKey(keys.rikey()));
            AudioReceiver audio = AudioReceiver.open(new InetSocketAddress("127.0.0.1", done.audioPort()),
                    AudioReceiverOptions.of(done.pingPayload().getBytes(StandardCharsets.US_ASCII), 5)
                            .withKey(keys.rikey(), keys.rikeyId()), new Rs8AudioService(), packet -> { });
            ControlTestClient control = ControlTestClient.connect(new InetSocketAddress("127.0.0.1",
                    done.controlPort()), done.connectData(), keys);
            return new Streams(video, audio, control);
        }

        @Override
        public void close() throws IOException {
            control.close();
            audio.close();
            video.close();
        }
    }

    private static final class Ignoring implements EnetListener {
        @Override
        public void connected(EnetPeer peer, int data) {
        }

        @Override
        public void received(EnetPeer peer, int channel, byte[] packet) {
        }

        @Override
        public void disconnected(EnetPeer peer, EnetPeer.DisconnectReason reason, int data) {
        }
    }
}
