package io.lumen.client;

import io.lumen.api.fec.FecCodec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * Rebuilds made-up blocks before the stream starts, so the first frames the network damages are not repaired by
 * code the JIT has not compiled yet: the first Leopard decodes (a 65536-point transform per loss pattern) run
 * interpreted for a second or two, and every frame behind them waits.
 */
final class FecWarmUp {

    private static final int ORIGINALS = 20;
    private static final int RECOVERY = 6;
    /** A multiple of 64 (Leopard's rule) that rs8 takes too. */
    private static final int SHARD_BYTES = 1344;
    private static final long BUDGET_NANOS = 2_000_000_000L;
    private static final int ROUNDS = 300;

    private FecWarmUp() {
    }

    /** Returns the rounds done (each a decode of another loss pattern), within a two-second budget. */
    static int warm(FecCodec codec) {
        try (Arena arena = Arena.ofConfined()) {
            SplittableRandom random = new SplittableRandom(7);
            MemorySegment[] originals = new MemorySegment[ORIGINALS];
            for (int i = 0; i < ORIGINALS; i++) {
                originals[i] = arena.allocate(SHARD_BYTES, 64);
                for (long b = 0; b < SHARD_BYTES; b += 8) {
                    originals[i].set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, b, random.nextLong());
                }
            }
            MemorySegment[] recovery = new MemorySegment[RECOVERY];
            for (int j = 0; j < RECOVERY; j++) {
                recovery[j] = arena.allocate(SHARD_BYTES, 64);
            }
            codec.encode(originals, recovery);
            long deadline = System.nanoTime() + BUDGET_NANOS;
            int rounds = 0;
            for (; rounds < ROUNDS && System.nanoTime() < deadline; rounds++) {
                boolean[] present = new boolean[ORIGINALS];
                java.util.Arrays.fill(present, true);
                for (int lost = 1 + random.nextInt(RECOVERY); lost > 0; lost--) {
                    present[random.nextInt(ORIGINALS)] = false;
                }
                boolean[] recoveryPresent = new boolean[RECOVERY];
                java.util.Arrays.fill(recoveryPresent, true);
                codec.decode(originals, present, recovery, recoveryPresent);
            }
            return rounds;
        }
    }
}
