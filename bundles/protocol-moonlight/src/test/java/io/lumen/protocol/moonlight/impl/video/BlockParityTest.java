package io.lumen.protocol.moonlight.impl.video;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class BlockParityTest {

    private static final int[] MINIMUMS = {0, 1, 2, 3, 4, 5, 8, 16, 64, 254};

    /** The client recomputes the parity count from (data, percent): it must get back exactly what was sent. */
    @Test
    void theClientDerivesTheParityCountSentForEveryBlockShape() {
        int checked = 0;
        for (int percent = 1; percent <= 255; percent++) {
            int maxData = BlockParity.maxDataShards(percent);
            for (int data = 1; data <= maxData; data++) {
                int unraised = (data * percent + 99) / 100;
                for (int min : MINIMUMS) {
                    BlockParity parity = BlockParity.of(data, percent, min);
                    String shape = data + " data at " + percent + "% min " + min + " -> " + parity;
                    if ((data * parity.wirePercent() + 99) / 100 != parity.shards()) {
                        fail("the client would expect another parity count: " + shape);
                    }
                    assertTrue(parity.wirePercent() >= 1 && parity.wirePercent() <= 255, shape);
                    assertTrue(data + parity.shards() <= 255, shape);
                    assertTrue(parity.shards() >= unraised, shape);
                    if (someCountAtLeast(min, data)) {
                        assertTrue(parity.shards() >= min, "the minimum was reachable: " + shape);
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 100_000, "shapes checked: " + checked);
    }

    /** The minimum clients send (2) raises the percent exactly as Sunshine does: 100 * parity / data. */
    @Test
    void theClientsMinimumGivesSunshinesPercent() {
        for (int percent = 1; percent <= 255; percent++) {
            for (int data = 1; data <= BlockParity.maxDataShards(percent); data++) {
                int parity = (data * percent + 99) / 100;
                int expectedPercent = percent;
                if (parity < 2) {
                    parity = 2;
                    expectedPercent = 100 * parity / data;
                }
                assertEquals(new BlockParity(parity, expectedPercent), BlockParity.of(data, percent, 2),
                        data + " data at " + percent + "%");
            }
        }
    }

    @Test
    void knownShapes() {
        assertEquals(212, BlockParity.maxDataShards(20));
        assertEquals(new BlockParity(43, 20), BlockParity.of(212, 20, 2));
        assertEquals(new BlockParity(2, 200), BlockParity.of(1, 20, 2), "one data shard: pct 200");
        assertEquals(new BlockParity(2, 40), BlockParity.of(5, 20, 2));
        assertEquals(new BlockParity(1, 20), BlockParity.of(5, 20, 0), "Sunshine's default minimum is 0");
        assertEquals(BlockParity.NONE, BlockParity.of(100, 0, 2), "0% sends no parity at all");
        assertThrows(IllegalArgumentException.class, () -> BlockParity.of(213, 20, 2), "parity would not fit");
    }

    /** Whether any percent 1..255 makes the client expect some count from min up to what fits. */
    private static boolean someCountAtLeast(int min, int data) {
        boolean[] reachable = REACHABLE[data];
        for (int count = min; count <= 255 - data; count++) {
            if (reachable[count]) {
                return true;
            }
        }
        return false;
    }

    /** [data][count]: some percent 1..255 gives that parity count for that data count. */
    private static final boolean[][] REACHABLE = new boolean[256][256 * 255 / 100 + 2];

    static {
        for (int data = 1; data < 256; data++) {
            for (int pct = 1; pct <= 255; pct++) {
                REACHABLE[data][(data * pct + 99) / 100] = true;
            }
        }
    }
}
