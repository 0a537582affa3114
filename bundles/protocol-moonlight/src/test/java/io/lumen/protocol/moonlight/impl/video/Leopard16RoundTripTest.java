package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.media.Codec;
import io.lumen.fec.leopard.impl.Leopard16Service;
import io.lumen.testkit.moonlight.Leopard16FrameAssembler;
import io.lumen.testkit.moonlight.LeopardShardHeader;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.VideoReceiverStats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host's leopard16 framing fed straight into the test kit's client-side reassembly (written from the
 * specification), with exact losses: every frame of any size is one block, and any {@code data} of its shards
 * bring it back.
 */
class Leopard16RoundTripTest {

    static final FecCodec FEC = new Leopard16Service();
    static final int PACKET = 1392;
    /** 1392 + 16 - 32, down to a multiple of 64. */
    static final int BODY = 1344;

    private final Random random = new Random(16);
    private final Leopard16Packetizer packetizer = new Leopard16Packetizer(
            VideoStreamParams.of(PACKET, Codec.H264, Rs8PacketizerTest.PING).withScheme(VideoFecScheme.LEOPARD16), FEC);
    private final List<ReceivedFrame> frames = new ArrayList<>();
    private final List<Integer> lostFrames = new ArrayList<>();
    private final Leopard16FrameAssembler assembler = new Leopard16FrameAssembler(FEC, frames::add,
            (first, count) -> {
                for (int i = 0; i < count; i++) {
                    lostFrames.add(first + i);
                }
            });

    private VideoFraming.PacketizedFrame sent;

    /** Packetizes a frame and hands the assembler every shard {@code lost} does not name, in a shuffled order. */
    private byte[] send(int size, boolean keyframe, IntPredicate lost) {
        byte[] frame = Shards.annexB(random, size, keyframe);
        sent = packetizer.packetize(Shards.segment(frame), keyframe, 1234, 56);
        for (int i = 0; i < sent.shardCount(); i++) {
            if (!lost.test(i)) {
                assembler.add(packetizer.shardSegment(i).toArray(ValueLayout.JAVA_BYTE));
            }
        }
        return frame;
    }

    private VideoReceiverStats stats() {
        return assembler.stats(0, 0, 0, 0);
    }

    /** The frames of the issue: 1, 255, 256, 4096 and 12000 data shards (the last a 16 MB frame). */
    @ParameterizedTest
    @ValueSource(ints = {1, 255, 256, 4096, 12_000})
    void aFrameOfAnySizeIsOneBlockThatComesBackFromAsManyLossesAsItHasParity(int dataShards) {
        int size = dataShards * BODY - random.nextInt(BODY - 5);
        FrameLayout plan = Leopard16FramePlan.of(size, BODY, 20, 2, FEC.limits());
        assertEquals(dataShards, plan.dataShards(0));
        int parity = plan.parityShards(0);
        assertTrue(parity >= (dataShards * 20 + 99) / 100, "at least the percentage");

        // as many losses as parity, spread over data and parity, the first and last data shard among them
        BitSet lost = new BitSet();
        lost.set(0);
        lost.set(dataShards - 1);
        while (lost.cardinality() < parity) {
            lost.set(random.nextInt(dataShards + parity));
        }
        byte[] frame = send(size, dataShards % 2 == 1, lost::get);
        assertEquals(1, sent.plan().blocks());
        assertEquals(1, frames.size(), "rebuilt from " + dataShards + " of " + (dataShards + parity) + " shards");
        assertArrayEquals(frame, frames.get(0).data());
        assertTrue(frames.get(0).recovered());
        assertEquals(dataShards % 2 == 1 ? 2 : 1, frames.get(0).frameType());
        assertEquals(1234, frames.get(0).rtpTimestamp());
        assertEquals(56, frames.get(0).hostLatencyTenthsMs());
        assertEquals(lost.get(0, dataShards).cardinality(), stats().dataShardsRebuilt());
        assertEquals(List.of(), lostFrames);
    }

    @Test
    void aFrameWithOneLossMoreThanItsParityIsReportedLostAndTheNextStandsOnItsOwn() {
        send(50_000, true, i -> false);
        int parity = sent.plan().parityShards(0);
        send(50_000, false, i -> i <= parity);
        assertEquals(1, frames.size());
        assertEquals(List.of(), lostFrames, "not yet: shards of it may still come");

        byte[] third = send(3_000, false, i -> false);
        assertEquals(List.of(2), lostFrames, "given up when the next frame arrived: the client asks for a keyframe");
        assertEquals(2, frames.size());
        assertEquals(3, frames.get(1).frameIndex());
        assertArrayEquals(third, frames.get(1).data());
        assertEquals(1, stats().framesLost());
    }

    @Test
    void framesNeverSeenAtAllAreLostToo() {
        send(100, true, i -> false);
        send(100, false, i -> true);
        send(100, false, i -> true);
        send(100, false, i -> false);
        assertEquals(List.of(2, 3), lostFrames);
        assertEquals(List.of(1, 4), frames.stream().map(ReceivedFrame::frameIndex).toList());
    }

    @Test
    void theHeaderCarriesTheFramesShapeInEveryShard() {
        send(BODY * 3 + 10, true, i -> false);
        int total = sent.shardCount();
        for (int i = 0; i < total; i++) {
            LeopardShardHeader header = LeopardShardHeader.parse(packetizer.shardSegment(i)
                    .toArray(ValueLayout.JAVA_BYTE));
            assertNotNull(header);
            assertEquals(i, header.shardIndex());
            assertEquals(4, header.dataShards());
            assertEquals(total - 4, header.parityShards());
            assertEquals(BODY * 3 + 10, header.frameBytes());
            assertEquals(BODY, header.bodyBytes());
            assertEquals(1, header.frameIndex());
            assertEquals(i, header.packetIndex(), "the packet counter starts at 0 and runs per shard");
            assertTrue(header.keyframe());
        }
        send(10, false, i -> false);
        LeopardShardHeader next = LeopardShardHeader.parse(packetizer.shardSegment(0).toArray(ValueLayout.JAVA_BYTE));
        assertEquals(total, next.packetIndex(), "and runs on across frames");
        assertEquals(2, next.frameIndex());
    }

    /** A tiny frame has more parity than data: it is coded over zero bodies nobody sends, and survives 3 losses. */
    @Test
    void aOneShardFrameGetsTheParityThatKeepsItWholeAtTheLossItsPercentageIsSizedFor() {
        byte[] frame = send(40, false, i -> i < 3);
        assertEquals(1, sent.plan().dataShards(0));
        assertEquals(3, sent.plan().parityShards(0), "5% loss: 3 parity shards lose the frame 6 times in a million");
        assertEquals(1, frames.size());
        assertArrayEquals(frame, frames.get(0).data());
    }

    @Test
    void shardsThatDoNotAddUpAreRefused() {
        send(5_000, false, i -> false);
        byte[] shard = packetizer.shardSegment(0).toArray(ValueLayout.JAVA_BYTE);
        shard[14] = 0; // no data shards
        shard[15] = 0;
        assertTrue(!assembler.add(shard));
        byte[] runt = new byte[20];
        assertTrue(!assembler.add(runt));
        assertEquals(2, stats().datagramsRejected());
    }
}
