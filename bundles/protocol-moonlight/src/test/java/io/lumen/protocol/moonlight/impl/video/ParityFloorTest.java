package io.lumen.protocol.moonlight.impl.video;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParityFloorTest {

    @Test
    void theBinomialTailMatchesSmallCasesWorkedByHand() {
        assertEquals(0.05 * 0.05, ParityFloor.blockLoss(2, 1, 0.05), 1e-15, "both of 2 lost");
        // P(X >= 2) for 3 shards at 10%: 3 * 0.01 * 0.9 + 0.001
        assertEquals(0.028, ParityFloor.blockLoss(3, 1, 0.1), 1e-12);
        assertEquals(0, ParityFloor.blockLoss(5, 5, 0.3), 0, "no more than all can be lost");
    }

    @Test
    void stirlingContinuesTheExactLogFactorials() {
        double exact = 0;
        for (int i = 1; i <= 300; i++) {
            exact += Math.log(i);
        }
        assertEquals(exact, ParityFloor.logFactorial(300), 1e-9);
    }

    @Test
    void smallBlocksGetTheParityTheirLossTargetNeedsAndBigOnesThePercentage() {
        assertEquals(3, ParityFloor.parity(1, 20, 1, 32768), "0.05^4 < 1e-5 < 0.05^3");
        assertEquals(6, ParityFloor.parity(10, 20, 2, 32768));
        assertEquals(200, ParityFloor.parity(1000, 20, 200, 32768), "the percentage is far past the floor");
        assertEquals(0, ParityFloor.parity(10, 0, 2, 32768), "0% sends no parity");
        assertEquals(2, ParityFloor.parity(1, 20, 1, 2), "never past what the code carries");
        for (int data = 1; data <= 2000; data += 37) {
            int parity = ParityFloor.parity(data, 20, 1, 32768);
            assertTrue(ParityFloor.blockLoss(data + parity, parity, 0.05) <= ParityFloor.BLOCK_LOSS_TARGET,
                    data + " data shards");
            assertTrue(parity == 1 || ParityFloor.blockLoss(data + parity - 1, parity - 1, 0.05)
                    > ParityFloor.BLOCK_LOSS_TARGET, "the fewest for " + data);
        }
    }
}
