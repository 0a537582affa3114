package io.lumen.fec.leopard.impl;

/** The conformance data's input generator (fec-vectors/README.md): little-endian words, state stepped first. */
final class Xorshift32 {

    private int state;
    private int word;
    private int remaining;

    Xorshift32(long seed) {
        this.state = (int) seed;
    }

    byte next() {
        if (remaining == 0) {
            state ^= state << 13;
            state ^= state >>> 17;
            state ^= state << 5;
            word = state;
            remaining = 4;
        }
        byte b = (byte) word;
        word >>>= 8;
        remaining--;
        return b;
    }

    /** {@code count} shards of {@code size} bytes, filled in order from one stream. */
    static byte[][] shards(long seed, int count, int size) {
        Xorshift32 random = new Xorshift32(seed);
        byte[][] shards = new byte[count][size];
        for (byte[] shard : shards) {
            for (int i = 0; i < size; i++) {
                shard[i] = random.next();
            }
        }
        return shards;
    }
}
