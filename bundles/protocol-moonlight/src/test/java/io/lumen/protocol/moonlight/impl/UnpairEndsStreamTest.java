package io.lumen.protocol.moonlight.impl;

import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.RtspTestClient;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.lumen.testkit.moonlight.StreamingTestClient.VideoLossSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unpairing a client ends its live stream at once and frees the stream's ports, whichever way it is unpaired. */
@Timeout(120)
class UnpairEndsStreamTest {

    @TempDir
    Path dir;
    private RunningHost host;
    private MoonlightTestClient client;

    @BeforeEach
    void start() throws Exception {
        host = new RunningHost(dir);
        client = host.paired("streamer");
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private StreamingTestClient stream() throws Exception {
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(7, "640x360x30", keys);
        assertEquals(200, launch.status(), launch.toString());
        StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                StreamOffer.h264(640, 360, 30, 7), new Rs8MoonlightService(), new Rs8AudioService(),
                VideoLossSetting.none());
        assertNotNull(stream.video().next(Duration.ofSeconds(5)), "streaming");
        return stream;
    }

    @Test
    void theClientsOwnHttpsUnpairEndsItsStream() throws Exception {
        try (StreamingTestClient stream = stream()) {
            assertEquals(200, client.https("/unpair", "").status());
            assertEnded(stream);
        }
    }

    /** What {@code lumen:unpair} and the PIN page's Unpair button call. */
    @Test
    void unpairingAtTheHostEndsTheClientsStream() throws Exception {
        try (StreamingTestClient stream = stream()) {
            host.host.unpair("streamer").orElseThrow();
            assertEnded(stream);
            assertEquals(401, client.https("/launch", "appid=7&mode=640x360x30").status(),
                    "and it cannot launch again");
        }
    }

    @Test
    void unpairingAnotherClientLeavesTheStreamAlone() throws Exception {
        host.paired("bystander");
        try (StreamingTestClient stream = stream()) {
            host.host.unpair("bystander").orElseThrow();
            int frames = stream.frames(Duration.ofSeconds(2)).size();
            assertTrue(frames >= 10, "still streaming: " + frames + " frames in 2 s");
            assertTrue(host.host.streams().current().isPresent());
            assertTrue(host.host.running().isPresent());
        }
    }

    private void assertEnded(StreamingTestClient stream) throws Exception {
        RtspTestClient.Handshake handshake = stream.handshake();
        assertTrue(Poll.until(Duration.ofSeconds(5), () -> host.host.streams().current().isEmpty()),
                "the stream ended");
        assertTrue(Poll.until(Duration.ofSeconds(10), () -> host.host.running().isEmpty()), "its launch was quit");
        assertNotNull(stream.control().disconnected().get(5, java.util.concurrent.TimeUnit.SECONDS),
                "the client was told");
        for (int port : new int[] {handshake.videoPort(), handshake.audioPort(), handshake.controlPort()}) {
            try (DatagramChannel again = DatagramChannel.open()) {
                again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }
}
