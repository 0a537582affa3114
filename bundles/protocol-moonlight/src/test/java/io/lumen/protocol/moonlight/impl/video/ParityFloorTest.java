package io.lumen.protocol.moonlight.impl.video;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParityFloorTest {

    @Test
    void randomLossIsTheBinomialTail() {
        LinkLoss five = LinkLoss.random(0.05);
        assertEquals(0.05 * 0.05, ParityFloor.blockLoss(2, 1, five), 1e-15, "both of 2 lost");
        // 3 of 3 or 2 of 3 at 10%: 0.001 + 3 * 0.01 * 0.9
        assertEquals(0.028, ParityFloor.blockLoss(3, 1, LinkLoss.random(0.1)), 1e-12);
        assertEquals(0, ParityFloor.blockLoss(5, 5, LinkLoss.random(0.3)), 0, "no more than all can be lost");
        assertEquals(0, ParityFloor.blockLoss(20, 2, LinkLoss.NONE), 0);
    }

    @Test
    void burstsMatchASimulatedGilbertChain() {
        LinkLoss bursts = new LinkLoss(0.02, 3);
        double q = 1 - 1 / 3.0;
        double a = 0.02 * (1 - q) / 0.98;
        SplittableRandom random = new SplittableRandom(22);
        int blocks = 400_000;
        int shards = 20;
        int beyond = 0;
        for (int b = 0; b < blocks; b++) {
            boolean last = random.nextDouble() < 0.02;
            int lost = last ? 1 : 0;
            for (int s = 1; s < shards; s++) {
                last = random.nextDouble() < (last ? q : a);
                lost += last ? 1 : 0;
            }
            if (lost > 2) {
                beyond++;
            }
        }
        double expected = ParityFloor.blockLoss(shards, 2, bursts);
        double sd = Math.sqrt(expected * (1 - expected) / blocks);
        assertEquals(expected, beyond / (double) blocks, 5 * sd, "simulated " + beyond + " of " + blocks);
        assertTrue(expected > 3 * ParityFloor.blockLoss(shards, 2, LinkLoss.random(0.02)),
                "runs of three take a small block more often than the same share at random");
    }

    @Test
    void smallBlocksGetTheParityTheirLossTargetNeedsAndBigOnesThePercentage() {
        ParityFloor five = ParityFloor.of(LinkLoss.random(0.05));
        assertEquals(3, five.parity(1, 1, 32768), "0.05^4 < 1e-5 < 0.05^3");
        assertEquals(6, five.parity(10, 2, 32768));
        assertEquals(200, five.parity(1000, 200, 32768), "the percentage is far past the floor");
        assertEquals(2, ParityFloor.of(LinkLoss.NONE).parity(10, 2, 32768), "no loss: the minimum");
        assertEquals(2, five.parity(1, 1, 2), "never past what the code carries");
        for (LinkLoss loss : new LinkLoss[] {LinkLoss.random(0.05), LinkLoss.random(0.1), new LinkLoss(0.02, 3)}) {
            ParityFloor floor = ParityFloor.of(loss);
            for (int data = 1; data <= 2000; data += 37) {
                int parity = floor.parity(data, 1, 32768);
                if (loss.rate() * (data + parity) <= 32) { // exact below, a normal approximation above
                    assertTrue(ParityFloor.blockLoss(data + parity, parity, loss) <= ParityFloor.BLOCK_LOSS_TARGET,
                            data + " data shards at " + loss);
                    assertTrue(parity == 1 || ParityFloor.blockLoss(data + parity - 1, parity - 1, loss)
                            > ParityFloor.BLOCK_LOSS_TARGET, "the fewest for " + data + " at " + loss);
                } else {
                    assertTrue(parity > loss.rate() * (data + parity), "more than the mean loss for " + data);
                }
            }
        }
    }

    @Test
    void aQuietLinkGivesSmallFramesTwoOrThreeParityShards() {
        ParityFloor quiet = ParityFloor.of(ParityFloor.QUIET_LINK);
        for (int data = 1; data <= 4; data++) {
            assertEquals(2, quiet.parity(data, 0, 255), data + " data shards");
        }
        for (int data = 5; data <= 15; data++) {
            assertEquals(3, quiet.parity(data, 0, 255), data + " data shards");
        }
        assertEquals(3, quiet.parity(15, 3, 255), "a 10 Mbit/s 60 fps frame: the 20% it gets anyway");
    }

    @Test
    void reportedLossAddsAtMostTwoParityShardsPerDataShardOverTheBaseline() {
        LinkLoss bursts = new LinkLoss(0.035, 2.5);
        ParityFloor floor = ParityFloor.reported(ParityFloor.QUIET_LINK, bursts);
        assertEquals(20, ParityFloor.of(bursts).parity(7, 0, 248), "what the runs alone ask of 7 shards");
        assertEquals(14, floor.parity(7, 0, 248), "capped at twice the data");
        assertEquals(2, floor.parity(1, 0, 254), "the quiet floor's 2 for one shard, which the cap allows");
        assertEquals(ParityFloor.of(LinkLoss.random(0.05)).parity(30, 0, 225),
                ParityFloor.reported(ParityFloor.QUIET_LINK, LinkLoss.random(0.05)).parity(30, 0, 225),
                "random loss at 5% never reaches the cap");
        ParityFloor quiet = ParityFloor.reported(ParityFloor.QUIET_LINK, LinkLoss.NONE);
        for (int data = 1; data <= 20; data++) {
            assertEquals(ParityFloor.of(ParityFloor.QUIET_LINK).parity(data, 0, 255 - data), quiet.parity(data, 0,
                    255 - data), "no reports: the baseline alone");
        }
    }
}
