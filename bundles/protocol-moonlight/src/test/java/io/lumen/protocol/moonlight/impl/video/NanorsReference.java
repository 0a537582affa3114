package io.lumen.protocol.moonlight.impl.video;

/**
 * A deliberately plain GF(2^8) Cauchy RS encoder (FEC.md 1: polynomial 0x11D, {@code P[j][i] = INV[(ps + i) ^ j]}),
 * written apart from fec-leopard so the packetizer's parity is checked against something that shares no code
 * with the codec it calls. {@link FecVectorFiles} anchors it to nanors' own output.
 */
final class NanorsReference {

    private static final int[] EXP = new int[512];
    private static final int[] LOG = new int[256];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= 0x11D;
            }
        }
        for (int i = 255; i < EXP.length; i++) {
            EXP[i] = EXP[i - 255];
        }
    }

    private NanorsReference() {
    }

    static int mul(int a, int b) {
        return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
    }

    static int inv(int a) {
        return EXP[255 - LOG[a]];
    }

    /** Parity shards for equally long data shards. */
    static byte[][] parity(byte[][] data, int parityShards) {
        int size = data[0].length;
        byte[][] parity = new byte[parityShards][size];
        for (int j = 0; j < parityShards; j++) {
            for (int i = 0; i < data.length; i++) {
                int coefficient = inv((parityShards + i) ^ j);
                for (int b = 0; b < size; b++) {
                    parity[j][b] ^= (byte) mul(coefficient, data[i][b] & 0xFF);
                }
            }
        }
        return parity;
    }
}
