package io.lumen.protocol.moonlight.impl;

import io.lumen.testkit.moonlight.FreeBasePort;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.RtspTestClient;
import io.lumen.testkit.moonlight.StreamOffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A host that clients reach through something mapping its ports (a relay, a NAT port-forward) names the mapped
 * ports wherever it tells a client one, while it listens on its own.
 */
class AdvertisedPortsTest {

    @TempDir
    Path dir;

    @Test
    void theOwnPortsAreWhatWasBoundAndAnotherBaseGivesItsOffsets() {
        AdvertisedPorts own = AdvertisedPorts.at(0);
        assertTrue(own.isOwn());
        assertEquals(41234, own.https(41234));
        assertEquals(50001, own.stream("video", 50001));
        AdvertisedPorts relay = AdvertisedPorts.at(48989);
        assertEquals(48989, relay.http(47989));
        assertEquals(48984, relay.https(47984));
        assertEquals(49010, relay.rtsp(48010));
        assertEquals(48998, relay.stream("video", 47998));
        assertEquals(48999, relay.stream("control", 47999));
        assertEquals(49000, relay.stream("audio", 48000));
        assertThrows(IllegalArgumentException.class, () -> AdvertisedPorts.at(65530), "no room for RTSP at base+21");
    }

    @Test
    void serverinfoTheLaunchReplyAndRtspSetupNameTheAdvertisedPorts() throws Exception {
        int base = FreeBasePort.find();
        int advertised = base < 30000 ? base + 5000 : base - 5000; // nobody listens there: only named, never used
        try (RunningHost running = new RunningHost(dir, base, AdvertisedPorts.at(advertised))) {
            assertEquals(base, running.host.httpPort(), "the host still listens on its own ports");
            MoonlightTestClient client = running.paired("behind-a-relay");

            Reply info = client.https("/serverinfo", "");
            assertEquals(String.valueOf(advertised - 5), info.field("HttpsPort"), info.toString());
            assertEquals(String.valueOf(advertised), info.field("ExternalPort"), info.toString());

            LaunchKeys keys = LaunchKeys.random();
            Reply launch = client.launch(7, "1280x720x60", keys);
            assertEquals(200, launch.status(), launch.toString());
            String url = launch.field("sessionUrl0");
            assertTrue(url.endsWith(":" + (advertised + 21)), "sessionUrl0 names the advertised RTSP port: " + url);

            RtspTestClient.Handshake handshake = new RtspTestClient("127.0.0.1", running.host.rtspPort(), keys)
                    .handshake(url, StreamOffer.h264(1280, 720, 60, 7));
            assertEquals(advertised + 9, handshake.videoPort());
            assertEquals(advertised + 10, handshake.controlPort());
            assertEquals(advertised + 11, handshake.audioPort());
            assertTrue(running.host.listening().contains("base " + advertised), running.host.listening());
        }
    }
}
