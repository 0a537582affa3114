package io.lumen.tools.fecbench;

import java.util.Random;

/**
 * A benchmark block: "K+R" originals and recovery shards, and whether decodes repeat one erasure pattern
 * (":repeat") or cycle through more patterns than a decoder can cache (":fresh").
 */
record BlockShape(int originals, int recovery, boolean repeatPattern) {

    /** More distinct patterns than the codecs' per-pattern caches hold, so every ":fresh" decode misses. */
    static final int FRESH_PATTERNS = 17;

    static BlockShape parse(String text) {
        String[] parts = text.split(":");
        String[] counts = parts[0].split("\\+");
        return new BlockShape(Integer.parseInt(counts[0]), Integer.parseInt(counts[1]),
                parts.length < 2 || parts[1].equals("repeat"));
    }

    static byte[][] randomShards(int count, int size, long seed) {
        Random random = new Random(seed);
        byte[][] shards = new byte[count][size];
        for (byte[] shard : shards) {
            random.nextBytes(shard);
        }
        return shards;
    }

    /** Presence flags losing {@code lost} of {@code count} shards, chosen by {@code seed}. */
    static boolean[] losing(int count, int lost, long seed) {
        Random random = new Random(seed);
        boolean[] present = new boolean[count];
        java.util.Arrays.fill(present, true);
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
