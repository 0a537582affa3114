package io.lumen.fec.leopard.impl.gf16;

/**
 * Leopard-RS's GF(2^16): LFSR polynomial 0x1002D, elements as coordinates in Leopard's Cantor basis, so the
 * additive FFT's twiddles ({@link #skew}) are cheap. Multiplication exists only through these tables; logs
 * live modulo 65535 and may be held as 65535 for 0 ("partially reduced", as Leopard keeps them).
 */
public final class Gf16 {

    public static final int ORDER = 65536;
    public static final int MODULUS = 65535;

    private static final int[] CANTOR_BASIS = {
        0x0001, 0xACCA, 0x3C0E, 0x163E, 0xC582, 0xED2E, 0x914C, 0x4012,
        0x6C98, 0x10D8, 0x6A72, 0xB900, 0xFDB8, 0xFB34, 0xFF38, 0x991E};
    private static final int POLYNOMIAL = 0x1002D;

    private static final char[] LOG = new char[ORDER];
    private static final char[] EXP = new char[ORDER];
    private static final char[] SKEW = new char[MODULUS];
    private static final char[] LOG_WALSH = new char[ORDER];

    static {
        buildLogExp();
        buildSkew();
        for (int i = 0; i < ORDER; i++) {
            LOG_WALSH[i] = LOG[i];
        }
        LOG_WALSH[0] = 0;
        fwht(LOG_WALSH, ORDER);
    }

    private Gf16() {
    }

    private static void buildLogExp() {
        int state = 1;
        for (int i = 0; i < MODULUS; i++) {
            EXP[state] = (char) i;
            state <<= 1;
            if (state >= ORDER) {
                state ^= POLYNOMIAL;
            }
        }
        EXP[0] = MODULUS;
        LOG[0] = 0;
        for (int i = 0; i < 16; i++) {
            int width = 1 << i;
            for (int j = 0; j < width; j++) {
                LOG[j + width] = (char) (LOG[j] ^ CANTOR_BASIS[i]);
            }
        }
        for (int i = 0; i < ORDER; i++) {
            LOG[i] = EXP[LOG[i]];
        }
        for (int i = 0; i < ORDER; i++) {
            EXP[LOG[i]] = (char) i;
        }
        EXP[MODULUS] = EXP[0];
    }

    private static void buildSkew() {
        int[] temp = new int[15];
        for (int i = 1; i < 16; i++) {
            temp[i - 1] = 1 << i;
        }
        for (int m = 0; m < 15; m++) {
            int step = 1 << (m + 1);
            SKEW[(1 << m) - 1] = 0;
            for (int i = m; i < 15; i++) {
                int s = 1 << (i + 1);
                for (int j = (1 << m) - 1; j < s; j += step) {
                    SKEW[j + s] = (char) (SKEW[j] ^ temp[i]);
                }
            }
            temp[m] = MODULUS - LOG[mulLog(temp[m], LOG[temp[m] ^ 1])];
            for (int i = m + 1; i < 15; i++) {
                int sum = addMod(LOG[temp[i] ^ 1], temp[m]);
                temp[i] = mulLog(temp[i], sum);
            }
        }
        for (int i = 0; i < MODULUS; i++) {
            SKEW[i] = LOG[SKEW[i]];
        }
    }

    /** {@code a + b} modulo 65535, partially reduced (65535 may stand for 0), as Leopard computes it. */
    public static int addMod(int a, int b) {
        int sum = a + b;
        return (sum + (sum >>> 16)) & 0xFFFF;
    }

    /** {@code a - b} modulo 65535, partially reduced. */
    public static int subMod(int a, int b) {
        int difference = a - b;
        return (difference + (difference >>> 16)) & 0xFFFF;
    }

    /** {@code a * b} modulo 65535 for a, b below 65536, fully reduced, without a division. */
    public static int mulMod(int a, int b) {
        long product = (long) a * b;
        long folded = (product & 0xFFFF) + (product >>> 16);
        folded = (folded & 0xFFFF) + (folded >>> 16);
        folded = (folded & 0xFFFF) + (folded >>> 16);
        return folded >= MODULUS ? (int) (folded - MODULUS) : (int) folded;
    }

    /** {@code a * exp(logB)}. */
    public static int mulLog(int a, int logB) {
        return a == 0 ? 0 : EXP[addMod(LOG[a], logB)];
    }

    public static int log(int a) {
        return LOG[a];
    }

    public static int exp(int logA) {
        return EXP[logA];
    }

    /** The additive FFT's twiddle logs; {@value #MODULUS} means "no multiply" in a butterfly. */
    public static int skew(int index) {
        return SKEW[index];
    }

    /** The Walsh-Hadamard transform of the log table, for the decoder's error locator. */
    public static int logWalsh(int index) {
        return LOG_WALSH[index];
    }

    /** In-place Walsh-Hadamard transform modulo 65535 over the first {@code n} (a power of two) entries. */
    public static void fwht(char[] data, int n) {
        for (int width = 1; width < n; width <<= 1) {
            for (int group = 0; group < n; group += width << 1) {
                for (int i = group; i < group + width; i++) {
                    int a = data[i];
                    int b = data[i + width];
                    data[i] = (char) addMod(a, b);
                    data[i + width] = (char) subMod(a, b);
                }
            }
        }
    }
}
