package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.media.Codec;
import io.lumen.fec.leopard.impl.Rs8MoonlightService;
import io.lumen.testkit.moonlight.ReceivedFrame;
import io.lumen.testkit.moonlight.VideoFrameAssembler;
import io.lumen.testkit.moonlight.VideoReceiverStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host's shards fed straight into the test kit's client-side reassembly, with exact losses: the FEC
 * limits are hit on purpose here, where the loopback tests only drop at random.
 */
class PacketizerToAssemblerTest {

    private static final FecCodec FEC = new Rs8MoonlightService();
    private static final int PACKET = 1392;
    private static final int SLICE = PACKET - 16;

    private final Random random = new Random(11);
    private final Rs8Packetizer packetizer = new Rs8Packetizer(
            VideoStreamParams.of(PACKET, Codec.H264, Rs8PacketizerTest.PING), FEC);
    private final List<ReceivedFrame> frames = new ArrayList<>();
    private final VideoFrameAssembler assembler = new VideoFrameAssembler(PACKET, FEC, frames::add);

    /** Packetizes a frame and hands the assembler every shard {@code lost} does not name (send-order index). */
    private byte[] send(int size, boolean keyframe, IntPredicate lost) {
        byte[] frame = Shards.annexB(random, size, keyframe);
        Rs8Packetizer.PacketizedFrame packetized = packetizer.packetize(Shards.segment(frame), keyframe, 0, 0);
        for (int i = 0; i < packetized.shardCount(); i++) {
            if (!lost.test(i)) {
                assembler.add(Shards.bytes(packetizer, i));
            }
        }
        return frame;
    }

    private VideoReceiverStats stats() {
        return assembler.stats(0, 0, 0, 0);
    }

    @Test
    void everyShardInGivesTheFrameBack() {
        byte[] frame = send(50_000, true, i -> false);
        assertEquals(1, frames.size());
        assertArrayEquals(frame, frames.get(0).data());
        assertEquals(2, frames.get(0).frameType());
        assertFalse(frames.get(0).recovered());
    }

    /** 37 data shards get 8 parity shards at 20%: losing any 8 is recoverable, a ninth is not. */
    @Test
    void asManyLostDataShardsAsParityShardsAreRebuilt() {
        int size = 37 * SLICE - 8;
        Set<Integer> eight = Set.of(0, 3, 4, 10, 20, 30, 35, 36);
        byte[] frame = send(size, false, eight::contains);
        assertEquals(1, frames.size());
        assertArrayEquals(frame, frames.get(0).data(), "first, last and middle shards rebuilt");
        assertTrue(frames.get(0).recovered());
        assertEquals(8, stats().dataShardsRebuilt());

        send(size, false, i -> i < 9);
        assertEquals(1, frames.size(), "nine lost of 37 + 8: not yet given up");
        byte[] next = send(100, false, i -> false);
        assertEquals(2, frames.size());
        assertEquals(3, frames.get(1).frameIndex());
        assertArrayEquals(next, frames.get(1).data());
        assertEquals(1, stats().framesLost(), "given up when the next frame arrived");
    }

    @Test
    void parityLossAloneNeedsNoRebuild() {
        byte[] frame = send(10 * SLICE, false, i -> i >= 11); // 11 data shards, every parity shard lost
        assertArrayEquals(frame, frames.get(0).data());
        assertFalse(frames.get(0).recovered());
    }

    @Test
    void eachBlockOfALargeFrameIsRebuiltOnItsOwn() {
        // 300 data shards: two blocks of 150 + 30 parity, block 1 starting at shard 180
        byte[] frame = send(300 * SLICE - 108, true, i -> (i >= 0 && i < 30) || (i >= 200 && i < 230));
        assertEquals(1, frames.size());
        assertArrayEquals(frame, frames.get(0).data());
        assertEquals(60, stats().dataShardsRebuilt());
    }

    @Test
    void aLaterBlockWhileTheCurrentOneIsShortLosesTheFrame() {
        send(300 * SLICE - 108, false, i -> i < 31); // block 0 one shard short of recoverable
        assertEquals(0, frames.size());
        assertEquals(1, stats().framesLost(), "the client gives up at block 1's first shard");
        send(1000, false, i -> false);
        assertEquals(2, frames.get(0).frameIndex());
    }

    @Test
    void aFrameThatNeverArrivesIsCountedInTheGap() {
        send(1000, true, i -> false);
        send(1000, false, i -> true);
        send(1000, false, i -> true);
        send(1000, false, i -> false);
        assertEquals(List.of(1, 4), frames.stream().map(ReceivedFrame::frameIndex).toList());
        assertEquals(2, stats().framesLost());
    }

    @Test
    void aFrameWithoutFecNeedsEveryShard() {
        byte[] whole = send(1_300_000, true, i -> false);
        assertArrayEquals(whole, frames.get(0).data());
        send(1_300_000, true, i -> i == 500);
        send(100, false, i -> false);
        assertEquals(List.of(1, 3), frames.stream().map(ReceivedFrame::frameIndex).toList());
    }

    @Test
    void framesOfManySizesRoundTrip() {
        for (int size : new int[] {5, 6, SLICE - 9, SLICE - 8, SLICE - 7, 5_000, 212 * SLICE, 900_000}) {
            byte[] frame = send(size, false, i -> i == 0);
            assertArrayEquals(frame, frames.getLast().data(), size + " bytes with its first shard rebuilt");
        }
    }
}
