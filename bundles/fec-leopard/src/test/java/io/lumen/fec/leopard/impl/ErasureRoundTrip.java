package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;

/** One random block through encode, random erasures and decode, for the property tests. */
final class ErasureRoundTrip {

    final byte[][] originals;
    final byte[][] recovery;
    final boolean[] originalPresent;
    final boolean[] recoveryPresent;
    final byte[][] received;
    final MemorySegment[] receivedRecovery;

    /** Encodes a random block of k x r shards, then erases {@code lostOriginals} and {@code lostRecovery}. */
    ErasureRoundTrip(FecCodec codec, Random random, int k, int r, int size, int lostOriginals, int lostRecovery) {
        originals = new byte[k][size];
        for (byte[] shard : originals) {
            random.nextBytes(shard);
        }
        recovery = new byte[r][size];
        codec.encode(Shards.segments(originals), Shards.segments(recovery));
        originalPresent = presence(random, k, lostOriginals);
        recoveryPresent = presence(random, r, lostRecovery);
        received = Shards.copy(originals);
        receivedRecovery = Shards.segments(recovery);
        for (int i = 0; i < k; i++) {
            if (!originalPresent[i]) {
                random.nextBytes(received[i]); // whatever was in the buffer must not matter
            }
        }
        for (int i = 0; i < r; i++) {
            if (!recoveryPresent[i]) {
                receivedRecovery[i] = null;
            }
        }
    }

    void decode(FecCodec codec) {
        codec.decode(Shards.segments(received), originalPresent, receivedRecovery, recoveryPresent);
    }

    boolean recovered() {
        return Arrays.deepEquals(originals, received);
    }

    private static boolean[] presence(Random random, int count, int lost) {
        boolean[] present = new boolean[count];
        Arrays.fill(present, true);
        for (int erased = 0; erased < lost; ) {
            int i = random.nextInt(count);
            if (present[i]) {
                present[i] = false;
                erased++;
            }
        }
        return present;
    }
}
