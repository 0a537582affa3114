package io.lumen.protocol.moonlight.impl;

import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.FreeBasePort;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.lumen.testkit.moonlight.VideoReceiverStats;
import io.lumen.tools.relay.Direction;
import io.lumen.tools.relay.LinkCounts;
import io.lumen.tools.relay.Relay;
import io.lumen.tools.relay.RelayOptions;
import io.lumen.tools.relay.RelayPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that knows only the relay's base port pairs, launches and streams through bin/lumen-relay's relay with
 * 5% of the video datagrams dropped, because the host names the relay's ports (port.advertised): FEC repairs what it
 * can, frames keep arriving, and what the relay counts is what the client saw.
 */
class RelayStreamingTest {

    @TempDir
    Path dir;

    @Test
    void aClientStreamsThroughALossyRelayAndTheCountsMatchWhatItSaw() throws Exception {
        int hostBase = FreeBasePort.find();
        int relayBase = FreeBasePort.find();
        while (Math.abs(relayBase - hostBase) <= 26) { // the two port ranges must not overlap
            relayBase = FreeBasePort.find();
        }
        RelayOptions options = RelayOptions.parse("-listen", "" + relayBase, "-host", "127.0.0.1:" + hostBase,
                "-bind", "127.0.0.1", "-loss", "5", "-streams", "video", "-seed", "5", "-stats", "0");
        try (RunningHost host = new RunningHost(dir, hostBase, AdvertisedPorts.at(relayBase));
             Relay relay = Relay.start(options, line -> System.out.println("relay: " + line))) {
            MoonlightTestClient client = new MoonlightTestClient("127.0.0.1", relayBase, relayBase - 5,
                    ClientIdentity.generate(), "through-the-relay");
            assertEquals(MoonlightTestClient.PairOutcome.PAIRED, client.pair("1234", host.typesPin("1234")));
            LaunchKeys keys = LaunchKeys.random();
            Reply launch = client.launch(7, "640x360x30", keys);
            assertEquals(200, launch.status(), launch.toString());
            String url = launch.field("sessionUrl0");
            assertTrue(url.endsWith(":" + (relayBase + 21)), "RTSP goes through the relay too: " + url);

            List<ReceivedFrame> frames;
            VideoReceiverStats seen;
            try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", url, keys,
                    StreamOffer.h264(640, 360, 30, 7), new Rs8MoonlightService(), new Rs8AudioService(),
                    StreamingTestClient.VideoLossSetting.none())) {
                assertEquals(relayBase + 9, stream.handshake().videoPort(), "the relay's video port");
                frames = stream.frames(Duration.ofSeconds(6));
                assertTrue(stream.audio().awaitPackets(50, Duration.ofSeconds(5)), "audio through the relay: "
                        + stream.audio().stats());
                assertEquals(200, client.cancel().status());
                seen = awaitQuiet(stream, relay);
            }
            LinkCounts.Snapshot video = relay.counts(RelayPort.VIDEO, Direction.DOWN);
            System.out.print(relay.report());
            System.out.println("client saw " + seen + "; frames handed out " + frames.size());

            assertEquals(video.forwarded(), seen.datagramsReceived(), "the client received what the relay forwarded");
            assertTrue(video.dropped() > 0, "the relay dropped video: " + video);
            assertEquals(0.05, (double) video.dropped() / video.seen(), 0.025, "about 5% of the video: " + video);
            assertEquals(0, relay.counts(RelayPort.AUDIO, Direction.DOWN).dropped(), "audio was not impaired");
            assertTrue(seen.framesRecovered() > 0, "FEC rebuilt frames the relay had cut: " + seen);
            assertTrue(frames.size() >= 60, "frames kept arriving at 30 fps for 6 s: " + frames.size() + ", " + seen);
            assertTrue(seen.framesComplete() > 4 * seen.framesLost(), "most frames survived: " + seen);
        }
    }

    /**
     * The client's counts once the host stopped sending: the relay's count of video forwarded stops moving and
     * the client has read all of it (or the deadline passes, and the assertion shows both). Quiet means unchanged
     * over one 200 ms check: the host keeps no count of what an ended stream sent that the test could wait for.
     */
    private static VideoReceiverStats awaitQuiet(StreamingTestClient stream, Relay relay) {
        long[] previous = {-1};
        Poll.every(Duration.ofMillis(200)).holdsWithin(Duration.ofSeconds(10), () -> {
            long forwarded = relay.counts(RelayPort.VIDEO, Direction.DOWN).forwarded();
            boolean quiet = forwarded == previous[0] && stream.video().stats().datagramsReceived() == forwarded;
            previous[0] = forwarded;
            return quiet;
        });
        return stream.video().stats();
    }
}
