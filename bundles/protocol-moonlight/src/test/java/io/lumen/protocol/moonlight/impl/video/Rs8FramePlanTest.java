package io.lumen.protocol.moonlight.impl.video;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Rs8FramePlanTest {

    private static final int PACKET = 1392;
    private static final int SLICE = PACKET - 16;

    @Test
    void aSmallFrameIsOneDataShardWithTheMinimumParity() {
        Rs8FramePlan plan = Rs8FramePlan.of(100, PACKET, 20, 2);
        assertEquals(1, plan.blocks());
        assertArrayEquals(new int[] {1}, plan.dataShards());
        assertEquals(new BlockParity(2, 200), plan.parity()[0]);
        assertEquals(108, plan.lastPayloadLength(), "frame + 8-byte header");
        assertEquals(3, plan.totalShards());
    }

    @Test
    void lastPayloadLengthIsAWholeSliceWhenTheFrameEndsOnABoundary() {
        Rs8FramePlan plan = Rs8FramePlan.of(3 * SLICE - 8, PACKET, 20, 2);
        assertEquals(3, plan.totalDataShards());
        assertEquals(SLICE, plan.lastPayloadLength());
        assertEquals(1, Rs8FramePlan.of(SLICE - 7, PACKET, 20, 2).lastPayloadLength(),
                "one byte over a slice leaves one byte in the second shard");
    }

    /** Worked by hand from Sunshine's arithmetic: 300 data shards split 150 + 150, 30 parity each. */
    @Test
    void aFrameOverOneBlockIsSplitEvenlyOnShardBoundaries() {
        Rs8FramePlan plan = Rs8FramePlan.of(300 * SLICE - 8 - 100, PACKET, 20, 2);
        assertEquals(2, plan.blocks());
        assertArrayEquals(new int[] {150, 150}, plan.dataShards());
        assertEquals(new BlockParity(30, 20), plan.parity()[0]);
        assertEquals(new BlockParity(30, 20), plan.parity()[1]);
        assertEquals(180, plan.firstShard(1));
        assertEquals(360, plan.totalShards());
        assertEquals(SLICE - 100, plan.lastPayloadLength());
    }

    @Test
    void fourBlocksIsTheMostThatCarriesFec() {
        // 212 data shards per block at 20%: 848 full shards fill 4 blocks, one more needs a fifth
        Rs8FramePlan largest = Rs8FramePlan.of(848 * SLICE - 8, PACKET, 20, 2);
        assertEquals(4, largest.blocks());
        assertArrayEquals(new int[] {212, 212, 212, 212}, largest.dataShards());
        assertFalse(largest.fecSkipped());
        assertEquals(4 * 43, largest.totalParityShards());
        assertTrue(Rs8FramePlan.of(848 * SLICE - 7, PACKET, 20, 2).fecSkipped());

        Rs8FramePlan tooBig = Rs8FramePlan.of(1_300_000, PACKET, 20, 2);
        assertTrue(tooBig.fecSkipped(), "Sunshine: skipping FEC for abnormally large encoded frame");
        assertEquals(4, tooBig.blocks());
        assertEquals(0, tooBig.totalParityShards());
        assertTrue(tooBig.sendable());
    }

    @Test
    void aBlockOverTheTenBitShardIndexCannotBeSent() {
        assertTrue(Rs8FramePlan.of(4 * 1023 * SLICE - 8, PACKET, 20, 2).sendable());
        assertFalse(Rs8FramePlan.of(4 * 1023 * SLICE, PACKET, 20, 2).sendable());
    }

    @Test
    void zeroPercentSendsNoParityWithoutCallingItSkipped() {
        Rs8FramePlan plan = Rs8FramePlan.of(50_000, PACKET, 0, 2);
        assertEquals(0, plan.totalParityShards());
        assertFalse(plan.fecSkipped());
    }

    @Test
    void everyPlanCoversTheFrameWithinTheLimits() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            int packet = 64 + 16 * random.nextInt(90);
            int slice = packet - 16;
            int percent = 1 + random.nextInt(255);
            int frame = (int) Math.exp(random.nextDouble() * Math.log(2_000_000));
            Rs8FramePlan plan = Rs8FramePlan.of(frame, packet, percent, 2);
            String what = frame + " bytes at " + packet + "/" + percent + "%";
            if (!plan.sendable()) {
                continue;
            }
            assertEquals((frame + 8 + slice - 1) / slice, plan.totalDataShards(), what);
            assertTrue(plan.blocks() >= 1 && plan.blocks() <= 4, what);
            for (int b = 0; b < plan.blocks(); b++) {
                int data = plan.dataShards()[b];
                assertTrue(data >= 1 && data <= 1023, what);
                if (!plan.fecSkipped()) {
                    assertTrue(data <= BlockParity.maxDataShards(percent), what);
                    assertTrue(data + plan.parity()[b].shards() <= 255, what);
                }
            }
            for (int b = 0; b + 1 < plan.blocks(); b++) {
                assertTrue(plan.dataShards()[b] >= plan.dataShards()[plan.blocks() - 1], "the last block is the"
                        + " remainder: " + what);
            }
        }
    }
}
