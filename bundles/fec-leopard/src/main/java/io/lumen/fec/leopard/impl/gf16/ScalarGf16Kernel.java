package io.lumen.fec.leopard.impl.gf16;

/** A symbol at a time through the log/exp tables: the reference, and the path without the Vector API. */
public final class ScalarGf16Kernel implements Gf16Kernel {

    public static final ScalarGf16Kernel INSTANCE = new ScalarGf16Kernel();

    private ScalarGf16Kernel() {
    }

    @Override
    public void ifftGroup(byte[][] work, int first, int width, int length, int twiddle) {
        int log = Gf16.skew(twiddle);
        for (int j = first; j < first + width; j++) {
            xor(work[j + width], work[j], length);
            if (log != Gf16.MODULUS) {
                mulAdd(work[j], work[j + width], length, log);
            }
        }
    }

    @Override
    public void fftGroup(byte[][] work, int first, int width, int length, int twiddle) {
        int log = Gf16.skew(twiddle);
        for (int j = first; j < first + width; j++) {
            if (log != Gf16.MODULUS) {
                mulAdd(work[j], work[j + width], length, log);
            }
            xor(work[j + width], work[j], length);
        }
    }

    @Override
    public void xor(byte[] dst, byte[] src, int length) {
        for (int b = 0; b < length; b++) {
            dst[b] ^= src[b];
        }
    }

    @Override
    public void multiply(byte[] shard, int length, int log) {
        for (int block = 0; block < length; block += 64) {
            for (int t = block; t < block + 32; t++) {
                put(shard, t, Gf16.mulLog(symbol(shard, t), log));
            }
        }
    }

    private static void mulAdd(byte[] dst, byte[] src, int length, int log) {
        for (int block = 0; block < length; block += 64) {
            for (int t = block; t < block + 32; t++) {
                put(dst, t, symbol(dst, t) ^ Gf16.mulLog(symbol(src, t), log));
            }
        }
    }

    private static int symbol(byte[] shard, int t) {
        return (shard[t] & 0xFF) | (shard[t + 32] & 0xFF) << 8;
    }

    private static void put(byte[] shard, int t, int symbol) {
        shard[t] = (byte) symbol;
        shard[t + 32] = (byte) (symbol >>> 8);
    }

    @Override
    public String name() {
        return "scalar";
    }
}
