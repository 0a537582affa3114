package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.gf8.Rs8Codec;
import io.lumen.fec.leopard.impl.gf8.ScalarGf8Kernel;
import io.lumen.fec.leopard.impl.gf8.VectorGf8Kernel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Random shapes and erasure patterns for the GF(2^8) code; seeds are in the messages to replay a failure. */
class Rs8PropertyTest {

    private final FecCodec vector = Rs8Codec.moonlight(VectorGf8Kernel.INSTANCE);
    private final FecCodec scalar = Rs8Codec.moonlight(ScalarGf8Kernel.INSTANCE);

    @Test
    void anyPatternUpToTheParityCountIsRecovered() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            int ds = 1 + random.nextInt(random.nextBoolean() ? 30 : 254);
            int ps = 1 + random.nextInt(Math.min(255 - ds, 60));
            int size = 1 + random.nextInt(random.nextBoolean() ? 70 : 1500);
            int lostParity = random.nextInt(ps + 1);
            int lostData = Math.min(ds, ps - lostParity);
            ErasureRoundTrip block = new ErasureRoundTrip(vector, random, ds, ps, size, lostData, lostParity);
            block.decode(vector);
            assertTrue(block.recovered(), "seed " + seed + ": " + ds + "+" + ps + " x " + size + " lost " + lostData
                    + " data, " + lostParity + " parity");
        }
    }

    @Test
    void oneErasureTooManyIsReportedNotMisdecoded() {
        for (long seed = 1; seed <= 50; seed++) {
            Random random = new Random(seed);
            int ds = 2 + random.nextInt(100);
            int ps = 1 + random.nextInt(Math.min(ds - 1, 40));
            int lostParity = random.nextInt(ps);
            ErasureRoundTrip block = new ErasureRoundTrip(vector, random, ds, ps, 100, ps - lostParity + 1, lostParity);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> block.decode(vector),
                    "seed " + seed);
            assertTrue(e.getMessage().contains("not recoverable"), e.getMessage());
        }
    }

    @Test
    void vectorAndScalarKernelsAgreeOnEveryLengthAndTail() {
        Random random = new Random(7);
        for (int size = 1; size <= 200; size++) {
            int ds = 1 + random.nextInt(20);
            int ps = 1 + random.nextInt(9);
            byte[][] data = new byte[ds][size];
            for (byte[] shard : data) {
                random.nextBytes(shard);
            }
            byte[][] a = new byte[ps][size];
            byte[][] b = new byte[ps][size];
            vector.encode(Shards.segments(data), Shards.segments(a));
            scalar.encode(Shards.segments(data), Shards.segments(b));
            for (int j = 0; j < ps; j++) {
                assertArrayEquals(b[j], a[j], ds + "+" + ps + " x " + size + " parity " + j);
            }
        }
    }

    @Test
    void theAudioCodecRecoversAnyTwoLosses() {
        FecCodec audio = Rs8Codec.moonlightAudio(VectorGf8Kernel.INSTANCE);
        for (int first = 0; first < 6; first++) {
            for (int second = first + 1; second < 6; second++) {
                Random random = new Random(first * 6 + second);
                ErasureRoundTrip block = new ErasureRoundTrip(audio, random, 4, 2, 240, 0, 0);
                markLost(block, first);
                markLost(block, second);
                block.decode(audio);
                assertTrue(block.recovered(), "audio lost shards " + first + " and " + second);
            }
        }
    }

    private static void markLost(ErasureRoundTrip block, int shard) {
        if (shard < 4) {
            block.originalPresent[shard] = false;
            java.util.Arrays.fill(block.received[shard], (byte) 0);
        } else {
            block.recoveryPresent[shard - 4] = false;
            block.receivedRecovery[shard - 4] = null;
        }
    }
}
