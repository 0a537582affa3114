package io.lumen.fec.leopard.impl.gf8;

/**
 * How to rebuild the lost data shards of one erasure pattern in a single matrix pass: the inputs are the
 * present data shards then the first parity shards received, one per loss; row b of {@code coefficients}
 * yields lost shard {@code lost[b]}.
 */
record DecodePlan(int[] lost, int[] presentData, int[] parityUsed, byte[] coefficients) {

    static DecodePlan build(byte[] parityRows, boolean[] dataPresent, boolean[] parityPresent) {
        int ds = dataPresent.length;
        int e = 0;
        for (boolean p : dataPresent) {
            e += p ? 0 : 1;
        }
        int[] lost = new int[e];
        int[] present = new int[ds - e];
        for (int i = 0, l = 0, p = 0; i < ds; i++) {
            if (dataPresent[i]) {
                present[p++] = i;
            } else {
                lost[l++] = i;
            }
        }
        int[] used = new int[e];
        for (int j = 0, u = 0; u < e; j++) {
            if (parityPresent[j]) {
                used[u++] = j;
            }
        }
        int[] square = new int[e * e];
        for (int a = 0; a < e; a++) {
            for (int b = 0; b < e; b++) {
                square[a * e + b] = parityRows[used[a] * ds + lost[b]] & 0xFF;
            }
        }
        int[] inverse = Gf8Matrix.invert(square, e);
        if (inverse == null) {
            throw new IllegalArgumentException("this erasure pattern is not decodable with this parity matrix");
        }
        // lost_b = sum_a inv[b][a] * (parity_a + sum_{i present} P[a][i] * data_i)
        byte[] coefficients = new byte[e * ds];
        for (int b = 0; b < e; b++) {
            for (int p = 0; p < present.length; p++) {
                int c = 0;
                for (int a = 0; a < e; a++) {
                    c ^= Gf8.mul(inverse[b * e + a], parityRows[used[a] * ds + present[p]] & 0xFF);
                }
                coefficients[b * ds + p] = (byte) c;
            }
            for (int a = 0; a < e; a++) {
                coefficients[b * ds + present.length + a] = (byte) inverse[b * e + a];
            }
        }
        return new DecodePlan(lost, present, used, coefficients);
    }
}
