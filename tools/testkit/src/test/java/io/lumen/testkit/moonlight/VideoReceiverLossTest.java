package io.lumen.testkit.moonlight;

import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.loss.BurstLoss;
import io.lumen.testkit.moonlight.HealRequest.InvalidateReferences;
import io.lumen.testkit.moonlight.HealRequest.Keyframe;
import io.lumen.testkit.moonlight.StreamingTestClient.VideoLossSetting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test kit's video client over a real loopback socket, fed by a host side that lays shards out as a host does:
 * the loss models drive its drops reproducibly, a frame it cannot rebuild is healed as moonlight-common-c heals it,
 * and every block's parity is checked against its header.
 */
class VideoReceiverLossTest {

    private static final Rs8MoonlightService FEC = new Rs8MoonlightService();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int P = 1;
    private static final int IDR = 2;
    private static final int INVALIDATED = 5;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** A host socket and a client receiving from it. */
    private final class Link {
        final DatagramChannel host;
        final VideoReceiver client;
        final HostShards shards = new HostShards(FEC);
        long sent;

        Link(VideoReceiver.Options options) throws IOException {
            host = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            open.add(host);
            client = new VideoReceiver((InetSocketAddress) host.getLocalAddress(), options);
            open.add(client);
        }

        /** Sends the next frame's shards but those {@code lost} names (by index within the frame). */
        void frame(int type, int bytes, IntPredicate lost) throws IOException {
            send(shards.frame(type, bytes, 20), lost);
        }

        void send(List<byte[]> frame, IntPredicate lost) throws IOException {
            for (int i = 0; i < frame.size(); i++) {
                if (!lost.test(i)) {
                    host.send(ByteBuffer.wrap(frame.get(i)), client.localAddress());
                    sent++;
                }
            }
        }

        void arrived() throws InterruptedException {
            assertTrue(client.awaitDatagrams(sent, WAIT), "datagrams read: " + client.stats());
        }
    }

    private static VideoReceiver.Options options() {
        return VideoReceiver.Options.of(HostShards.PACKET_SIZE, "0123456789ABCDEF", FEC);
    }

    /** 300 frames of 1 to 12 shards, IDR every 60, the sizes from a fixed seed. */
    private VideoLossCounters stream(VideoLossSetting loss) throws Exception {
        Link link = new Link(options().withLoss(loss).withHealing(false, false));
        Random sizes = new Random(5);
        for (int i = 0; i < 300; i++) {
            link.frame(i % 60 == 0 ? IDR : P, 100 + sizes.nextInt(12_000), x -> false);
        }
        link.arrived();
        VideoReceiverStats stats = link.client.stats();
        assertEquals(0, link.client.socketDrops(), "the loss is the model's alone");
        long replayed = 0;
        BurstLoss model = new BurstLoss(loss.probability(), loss.meanBurst(), loss.seed());
        for (long i = 0; i < stats.datagramsReceived(); i++) {
            replayed += model.drop() ? 1 : 0;
        }
        if (!loss.withinFec()) {
            assertEquals(replayed, stats.datagramsDropped(), "the model, replayed, drops as many: " + stats);
        }
        link.client.takeHealRequests(Duration.ZERO); // as a control stream would: one IDR request for all waiting
        return link.client.counters();
    }

    @Test
    void theLossModelDropsTheSameDatagramsEveryRunAndAnotherSeedOthers() throws Exception {
        VideoLossCounters first = stream(VideoLossSetting.bursts(0.04, 3, 11));
        VideoLossCounters again = stream(VideoLossSetting.bursts(0.04, 3, 11));
        assertEquals(first, again, "the same seed, the same losses, the same healing");
        assertTrue(first.framesLost() > 0 && first.blocksRebuilt() > 0, first.toString());
        assertTrue(first.idrRequests() > 0 && first.framesDroppedWhileHealing() > 0, first.toString());
        assertNotEquals(first, stream(VideoLossSetting.bursts(0.04, 3, 12)), "another seed");
    }

    @Test
    void burstsKeptWithinTheFecLoseNoFrame() throws Exception {
        VideoLossCounters counters = stream(VideoLossSetting.bursts(0.1, 3, 7).keptWithinFec());
        assertEquals(0, counters.framesLost(), counters.toString());
        assertEquals(300, counters.framesWhole(), counters.toString());
        assertTrue(counters.blocksRebuilt() > 10, counters.toString());
        assertEquals(0, counters.idrRequests() + counters.rfiRequests() + counters.framesDroppedWhileHealing());
        assertEquals(298, counters.blocksAudited(), "all but the last two frames' blocks: " + counters);
        assertEquals(0, counters.parityMismatches(), counters.toString());
    }

    @Test
    void withInvalidationAFrameThatCannotBeRebuiltIsReportedBeforeTheNextFrameAndDecodingResumesAtType5()
            throws Exception {
        Link link = new Link(options().withHealing(true, false));
        link.frame(IDR, 3000, x -> false);
        link.frame(P, 500, x -> false);
        // 5 data + 1 parity: shards 1 and 2 lost, which one parity shard cannot make up
        link.frame(P, 4500, x -> x == 1 || x == 2);
        link.arrived();
        assertEquals(List.of(new InvalidateReferences(3, 3)), link.client.takeHealRequests(WAIT),
                "sent on the evidence, before any later frame");
        link.frame(P, 500, x -> false);
        link.frame(INVALIDATED, 600, x -> false);
        link.frame(P, 700, x -> false);
        link.arrived();
        assertEquals(List.of(new InvalidateReferences(3, 4)), link.client.takeHealRequests(WAIT),
                "the frame dropped while waiting widens the range");

        List<ReceivedFrame> decoded = frames(link, 4);
        assertEquals(List.of(1, 2, 5, 6), decoded.stream().map(ReceivedFrame::frameIndex).toList());
        assertEquals(List.of(IDR, P, INVALIDATED, P), decoded.stream().map(ReceivedFrame::frameType).toList());
        assertArrayEquals(HostShards.expectedData(5, 600), decoded.get(2).data(), "the bytes are the host's");
        VideoLossCounters counters = link.client.counters();
        assertEquals(new VideoLossCounters(5, 1, 1, 1, 0, 1, 0, 2, 0, 0, 4, 0), counters);
    }

    @Test
    void withoutInvalidationTheClientAsksForOneIdrAtTheNextWholeFrame() throws Exception {
        Link link = new Link(options().withHealing(false, false));
        link.frame(IDR, 3000, x -> false);
        link.frame(P, 4500, x -> x == 0 || x == 5); // 5 data + 1 parity: two lost
        link.arrived();
        assertEquals(List.of(), link.client.takeHealRequests(Duration.ofMillis(50)), "not during the loss");
        link.frame(P, 500, x -> false);
        link.frame(P, 500, x -> false);
        link.frame(IDR, 2000, x -> false);
        link.frame(P, 500, x -> false);
        link.arrived();
        assertEquals(List.of(new Keyframe()), link.client.takeHealRequests(WAIT));
        assertEquals(List.of(), link.client.takeHealRequests(Duration.ofMillis(50)), "once");
        assertEquals(List.of(1, 5, 6), frames(link, 3).stream().map(ReceivedFrame::frameIndex).toList());
        VideoLossCounters counters = link.client.counters();
        assertEquals(1, counters.idrRequests());
        assertEquals(2, counters.framesDroppedWhileHealing());
    }

    @Test
    void aBlockWhoseHeaderLiesAboutItsParityIsCounted() throws Exception {
        Link link = new Link(options());
        HostShards host = link.shards;
        link.send(host.frame(IDR, 3000, 20), x -> false);
        // 4 data shards: 20% means 1 parity, 3 sent; 50% means 2, 1 sent
        link.send(host.frame(P, 3800, 20, 3), x -> false);
        link.send(host.frame(P, 3800, 50, 1), x -> false);
        // dropped ones count too: all data arrives at the socket though the first parity shard is lost after it
        link.send(host.frame(P, 3800, 50, 2), x -> false);
        for (int i = 0; i < 3; i++) {
            link.send(host.frame(P, 900, 20), x -> false);
        }
        link.arrived();
        VideoLossCounters counters = link.client.counters();
        assertEquals(5, counters.blocksAudited(), counters.toString());
        assertEquals(2, counters.parityMismatches(), link.client.parityFindings().toString());
        List<String> findings = link.client.parityFindings();
        assertTrue(findings.get(0).startsWith("frame 2 block 0: parity index 2 beyond 4 data at 20% = 1 parity"),
                findings.toString());
        assertTrue(findings.get(1).startsWith("frame 3 block 0: 1 parity shards arrived"), findings.toString());
        assertEquals(7, counters.framesWhole(), "the client's rules still rebuild what they can");
    }

    @Test
    void withoutHealingEveryWholeFrameIsHandedOnAndNothingIsAsked() throws Exception {
        Link link = new Link(options());
        link.frame(IDR, 3000, x -> false);
        link.frame(P, 4500, x -> x < 2);
        link.frame(P, 500, x -> false);
        link.arrived();
        assertEquals(List.of(1, 3), frames(link, 2).stream().map(ReceivedFrame::frameIndex).toList());
        assertEquals(List.of(), link.client.takeHealRequests(Duration.ZERO));
    }

    private static List<ReceivedFrame> frames(Link link, int count) throws InterruptedException {
        List<ReceivedFrame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReceivedFrame frame = link.client.next(WAIT);
            assertNotNull(frame, "frame " + (i + 1) + " of " + count + ": " + link.client.stats());
            frames.add(frame);
        }
        assertEquals(List.of(), link.client.drain(), "nothing more");
        return frames;
    }
}
