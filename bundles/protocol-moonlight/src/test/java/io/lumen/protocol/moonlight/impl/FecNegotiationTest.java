package io.lumen.protocol.moonlight.impl;

import io.lumen.fec.leopard.impl.Leopard16Service;
import io.lumen.fec.leopard.impl.Rs8AudioService;
import io.lumen.protocol.moonlight.impl.video.VideoFecScheme;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.Poll;
import io.lumen.testkit.StampTrack;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.RtspTestClient;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.lumen.testkit.moonlight.StreamingTestClient.VideoLossSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The video FEC scheme negotiated in RTSP against a whole host on loopback: offered in DESCRIBE only to a client
 * that asks to see lumen's extensions, picked in ANNOUNCE, refused with 451 and a reason when unknown, disabled or
 * without a codec; and a leopard16 stream that the test kit's client rebuilds and ffmpeg decodes.
 */
class FecNegotiationTest {

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

    private void start(List<VideoFecScheme> schemes) throws Exception {
        host = new RunningHost(dir, RunningHost.APPS, () -> CodecModes.H264, backend -> Optional.empty(), schemes);
        client = host.paired("fec-tester");
    }

    private RtspTestClient.Handshake handshake(StreamOffer offer) throws Exception {
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(7, "640x360x30", keys);
        assertEquals(200, launch.status(), launch.toString());
        return new RtspTestClient("127.0.0.1", host.host.rtspPort(), keys).handshake(launch.field("sessionUrl0"), offer);
    }

    /** The stream's "fec" line, as lumen:session shows it. */
    private String fecLine() {
        return String.valueOf(host.host.streams().current().orElseThrow().get("fec"));
    }

    @Test
    void aStockClientSeesNoTraceOfTheExtensionAndGetsRs8() throws Exception {
        start(HostSettings.FEC_SCHEMES);
        RtspTestClient.Handshake done = handshake(StreamOffer.h264(640, 360, 30, 7));
        assertFalse(done.describe().contains("lumen"), "DESCRIBE as before: " + done.describe());
        assertEquals("rs8-moonlight", host.host.streams().announced().orElseThrow().fecScheme());
        assertTrue(String.valueOf(host.host.streams().current().orElseThrow().get("fec")).startsWith("rs8-moonlight "));
    }

    @Test
    void aClientOfTheExtensionSeesTheOfferAndPicksLeopard16() throws Exception {
        start(HostSettings.FEC_SCHEMES);
        assertEquals("rs8-moonlight, leopard16 offered", host.host.fecSchemes());
        RtspTestClient.Handshake done = handshake(StreamOffer.h264(640, 360, 30, 7).withFecScheme("leopard16"));
        assertEquals(List.of("rs8-moonlight", "leopard16"), RtspTestClient.fecSchemesOffered(done.describe()));
        assertEquals("leopard16", host.host.streams().announced().orElseThrow().fecScheme());
        assertTrue(String.valueOf(host.host.streams().current().orElseThrow().get("fec")).startsWith("leopard16 "));
    }

    @Test
    void anUnknownSchemeIsRefusedWithAReason() throws Exception {
        start(HostSettings.FEC_SCHEMES);
        StreamOffer offer = StreamOffer.h264(640, 360, 30, 7).with(StreamOffer.FEC_SCHEME_ATTRIBUTE, "turbo99");
        IOException refused = assertThrows(IOException.class, () -> handshake(offer));
        assertTrue(refused.getMessage().contains("ANNOUNCE answered 451"), refused.getMessage());
        assertTrue(refused.getMessage().contains("\"turbo99\", which is unknown"), refused.getMessage());
        assertTrue(host.host.streams().announced().isEmpty(), "no stream started");
        assertEquals(200, client.cancel().status(), "quit, to launch again");

        StreamOffer garbage = StreamOffer.h264(640, 360, 30, 7).with(StreamOffer.FEC_SCHEME_ATTRIBUTE, "Leo pard;16");
        IOException bad = assertThrows(IOException.class, () -> handshake(garbage));
        assertTrue(bad.getMessage().contains("ANNOUNCE answered 400"), bad.getMessage());
    }

    @Test
    void aHostThatDisabledLeopard16OffersOnlyRs8AndRefusesAClientThatAsksAnyway() throws Exception {
        start(List.of(VideoFecScheme.RS8_MOONLIGHT));
        assertEquals("rs8-moonlight offered; leopard16 disabled (fec.schemes)", host.host.fecSchemes(),
                "what lumen:moonlight shows");
        RtspTestClient.Handshake rs8 = handshake(StreamOffer.h264(640, 360, 30, 7).withFecScheme("rs8-moonlight"));
        assertEquals(List.of("rs8-moonlight"), RtspTestClient.fecSchemesOffered(rs8.describe()));
        assertEquals(200, client.cancel().status(), "quit, to launch again");

        IOException refused = assertThrows(IOException.class, () ->
                handshake(StreamOffer.h264(640, 360, 30, 7).withFecScheme("leopard16")));
        assertTrue(refused.getMessage().contains("451"), refused.getMessage());
        assertTrue(refused.getMessage().contains("is disabled on this host (fec.schemes)"), refused.getMessage());
    }

    @Test
    void aHostWithOnlyLeopard16RefusesStockClients() throws Exception {
        start(List.of(VideoFecScheme.LEOPARD16));
        IOException refused = assertThrows(IOException.class, () -> handshake(StreamOffer.h264(640, 360, 30, 7)));
        assertTrue(refused.getMessage().contains("ANNOUNCE answered 451"), refused.getMessage());
    }

    /** Encrypted, with loss the parity can always repair: every frame arrives and decodes with its stamps. */
    @Test
    void aLeopard16StreamIsRebuiltAndDecodes() throws Exception {
        start(HostSettings.FEC_SCHEMES);
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(7, "640x360x30", keys);
        try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                StreamOffer.h264(640, 360, 30, 7).withFecScheme("leopard16"), new Leopard16Service(),
                new Rs8AudioService(), VideoLossSetting.withinFec(0.3, 42))) {
            List<ReceivedFrame> frames = stream.frames(Duration.ofSeconds(4));
            assertTrue(frames.size() >= 10, "frames: " + frames.size());
            assertTrue(frames.get(0).idr(), frames.get(0).toString());
            assertEquals(0, stream.video().stats().framesLost(), stream.video().stats().toString());
            assertTrue(stream.video().stats().framesRecovered() >= 3, stream.video().stats().toString());
            Path file = dir.resolve("leopard.h264");
            Files.write(file, StreamingTestClient.annexB(frames));
            StampTrack track = StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertInOrder();
            assertTrue(track.counters().size() >= 10, "decoded pictures: " + track.counters().size());
            Map<String, Object> report = host.host.streams().current().orElseThrow();
            assertTrue(String.valueOf(report.get("video")).contains(" 0 frames without FEC"), report.toString());
            // the client reported the blocks it repaired, most of whose parity the loss took: the host raised FEC
            Poll.until(Duration.ofSeconds(10), () -> !fecLine().startsWith("leopard16 20% now"));
            String fec = fecLine();
            assertTrue(fec.matches("leopard16 [3-5]0% now.*"), "adaptive FEC followed the loss reports: " + fec);
        }
    }

    /**
     * Loss the parity cannot keep up with at first: leopard16 frames are lost, the client asks for keyframes and the
     * host sends them. (The parity then grows to the loss the client reports, so later frames may all come through.)
     */
    @Test
    void aLeopard16FrameLostToLossBeyondItsParityMakesTheClientAskForAKeyframe() throws Exception {
        start(HostSettings.FEC_SCHEMES);
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(7, "640x360x30", keys);
        try (StreamingTestClient stream = StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                StreamOffer.h264(640, 360, 30, 1).withFecScheme("leopard16"), new Leopard16Service(),
                new Rs8AudioService(), VideoLossSetting.random(0.6, 7))) {
            List<ReceivedFrame> frames = stream.frames(Duration.ofSeconds(4));
            assertTrue(stream.video().stats().framesLost() > 0, stream.video().stats().toString());
            assertTrue(stream.idrRequestsForLoss() > 0);
            Map<String, Object> report = host.host.streams().current().orElseThrow();
            assertTrue((long) report.get("keyframe requests") > 1, report.toString());
            java.util.regex.Matcher sent = java.util.regex.Pattern.compile("sent (\\d+) keyframes")
                    .matcher(String.valueOf(report.get("healing")));
            assertTrue(sent.find() && Long.parseLong(sent.group(1)) >= 2,
                    "keyframes after the first, in answer to the requests: " + report.get("healing"));
            assertTrue(frames.stream().anyMatch(ReceivedFrame::idr), "the client resumed at one: " + frames);
        }
    }
}
