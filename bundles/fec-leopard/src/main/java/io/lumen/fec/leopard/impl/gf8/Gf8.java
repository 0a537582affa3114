package io.lumen.fec.leopard.impl.gf8;

/**
 * GF(2^8) with polynomial 0x11D and generator 2 in plain byte representation: the field of Moonlight's FEC.
 * Besides log/exp, it keeps a full product table for the scalar kernel and, per constant, the two 16-entry
 * nibble tables the vector kernel looks up ({@code c*x = LO[c][x & 15] ^ HI[c][x >> 4]}).
 */
public final class Gf8 {

    /** Bytes per nibble table: one 256-bit vector, so a table loads with one aligned read. */
    public static final int TABLE_STRIDE = 32;

    private static final int[] EXP = new int[510];
    private static final int[] LOG = new int[256];
    private static final byte[] MUL = new byte[256 * 256];
    private static final byte[] NIBBLE_LO = new byte[256 * TABLE_STRIDE];
    private static final byte[] NIBBLE_HI = new byte[256 * TABLE_STRIDE];

    static {
        int x = 1;
        for (int i = 0; i < 255; i++) {
            EXP[i] = x;
            EXP[i + 255] = x;
            LOG[x] = i;
            x <<= 1;
            if (x >= 256) {
                x ^= 0x11D;
            }
        }
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                MUL[a << 8 | b] = (byte) (a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]]);
            }
            for (int n = 0; n < 16; n++) {
                byte lo = MUL[a << 8 | n];
                byte hi = MUL[a << 8 | n << 4];
                NIBBLE_LO[a * TABLE_STRIDE + n] = lo;
                NIBBLE_LO[a * TABLE_STRIDE + 16 + n] = lo;
                NIBBLE_HI[a * TABLE_STRIDE + n] = hi;
                NIBBLE_HI[a * TABLE_STRIDE + 16 + n] = hi;
            }
        }
    }

    private Gf8() {
    }

    public static int mul(int a, int b) {
        return MUL[a << 8 | b] & 0xFF;
    }

    public static int inv(int a) {
        if (a == 0) {
            throw new ArithmeticException("0 has no inverse in GF(2^8)");
        }
        return EXP[255 - LOG[a]];
    }

    /** The 256-byte row of products {@code c * x}, at {@code c << 8} in {@link #mulTable()}. */
    static byte[] mulTable() {
        return MUL;
    }

    static byte[] nibbleLo() {
        return NIBBLE_LO;
    }

    static byte[] nibbleHi() {
        return NIBBLE_HI;
    }
}
