package io.lumen.fec.leopard.impl.gf8;

/** The parity rows of a GF(2^8) code: {@code ps} rows by {@code ds} columns, row-major. */
public interface ParityMatrix {

    byte[] rows(int dataShards, int parityShards);

    /**
     * nanors' (and so every Moonlight client's) matrix: Cauchy with x_j = j, y_i = ps + i, so
     * {@code P[j][i] = 1 / ((ps + i) XOR j)}. A single parity row is therefore not a plain XOR.
     */
    static byte[] cauchy(int dataShards, int parityShards) {
        byte[] rows = new byte[dataShards * parityShards];
        for (int j = 0; j < parityShards; j++) {
            for (int i = 0; i < dataShards; i++) {
                rows[j * dataShards + i] = (byte) Gf8.inv((parityShards + i) ^ j);
            }
        }
        return rows;
    }

    /** The two fixed rows Moonlight's audio stream uses for its 4 data + 2 parity blocks. */
    static byte[] audio(int dataShards, int parityShards) {
        if (dataShards != 4 || parityShards != 2) {
            throw new IllegalArgumentException("the audio matrix is 4 data + 2 parity, not " + dataShards + " + "
                    + parityShards);
        }
        return new byte[] {0x77, 0x40, 0x38, 0x0e, (byte) 0xc7, (byte) 0xa7, 0x0d, 0x6c};
    }
}
