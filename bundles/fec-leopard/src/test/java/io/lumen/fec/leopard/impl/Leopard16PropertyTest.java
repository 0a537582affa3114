package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.gf16.Leopard16Codec;
import io.lumen.fec.leopard.impl.gf16.ScalarGf16Kernel;
import io.lumen.fec.leopard.impl.gf16.VectorGf16Kernel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random shapes and erasure patterns for Leopard-RS; seeds are in the messages to replay a failure. */
class Leopard16PropertyTest {

    private final FecCodec vector = new Leopard16Codec(VectorGf16Kernel.INSTANCE);

    @Test
    void anyPatternUpToTheRecoveryCountIsRecovered() {
        for (long seed = 1; seed <= 120; seed++) {
            Random random = new Random(seed);
            int k = 1 + random.nextInt(random.nextInt(4) == 0 ? 3000 : 200);
            int r = 1 + random.nextInt(k);
            int size = 64 * (1 + random.nextInt(3));
            int lostRecovery = random.nextInt(r + 1);
            int lostOriginals = Math.min(k, r - lostRecovery);
            ErasureRoundTrip block = new ErasureRoundTrip(vector, random, k, r, size, lostOriginals, lostRecovery);
            block.decode(vector);
            assertTrue(block.recovered(), "seed " + seed + ": " + k + "+" + r + " x " + size + " lost "
                    + lostOriginals + " originals, " + lostRecovery + " recovery");
        }
    }

    @Test
    void oneErasureTooManyIsReportedNotMisdecoded() {
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            int k = 2 + random.nextInt(300);
            int r = 1 + random.nextInt(k - 1);
            int lostRecovery = random.nextInt(r);
            ErasureRoundTrip block = new ErasureRoundTrip(vector, random, k, r, 64, r - lostRecovery + 1, lostRecovery);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> block.decode(vector),
                    "seed " + seed);
            assertTrue(e.getMessage().contains("not recoverable"), e.getMessage());
        }
    }

    @Test
    void vectorAndScalarKernelsGiveTheSameRecoveryShards() {
        FecCodec scalar = new Leopard16Codec(ScalarGf16Kernel.INSTANCE);
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            int k = 1 + random.nextInt(400);
            int r = 1 + random.nextInt(k);
            byte[][] data = new byte[k][128];
            for (byte[] shard : data) {
                random.nextBytes(shard);
            }
            byte[][] a = new byte[r][128];
            byte[][] b = new byte[r][128];
            vector.encode(Shards.segments(data), Shards.segments(a));
            scalar.encode(Shards.segments(data), Shards.segments(b));
            assertArrayEquals(Shards.concat(b), Shards.concat(a), "seed " + seed + ": " + k + "+" + r);
        }
    }

    @Test
    void aRepeatedPatternDecodesFreshDataEveryTime() {
        // the second and third blocks hit the cached error locator; their data differ from the first's
        for (int round = 0; round < 3; round++) {
            Random random = new Random(99);
            ErasureRoundTrip block = new ErasureRoundTrip(vector, new Random(1000 + round), 100, 20, 1024, 0, 0);
            for (int i = 0; i < 20; i++) {
                int lost = random.nextInt(100);
                block.originalPresent[lost] = false;
                java.util.Arrays.fill(block.received[lost], (byte) 0);
            }
            block.decode(vector);
            assertTrue(block.recovered(), "round " + round);
        }
    }

    @Test
    void concurrentDecodesOnOneCodecDoNotInterfere() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                long seed = 500 + t;
                results.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int k = 50 + random.nextInt(200);
                    int r = 1 + random.nextInt(k / 2);
                    ErasureRoundTrip block = new ErasureRoundTrip(vector, random, k, r, 256, r, 0);
                    block.decode(vector);
                    return block.recovered();
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
