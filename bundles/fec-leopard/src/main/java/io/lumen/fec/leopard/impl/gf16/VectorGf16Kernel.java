package io.lumen.fec.leopard.impl.gf16;

import io.lumen.fec.leopard.impl.simd.Nibbles;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;


/**
 * 32 symbols (one 64-byte block) at a time: a product by a constant splits each symbol into four nibbles and
 * looks each up in two 16-entry tables (low and high product byte): eight byte selects per block, with the
 * tables of every constant precomputed once.
 */
public final class VectorGf16Kernel implements Gf16Kernel {

    public static final VectorGf16Kernel INSTANCE = new VectorGf16Kernel();

    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_256;
    private static final VectorOperators.Associative XOR = VectorOperators.XOR;

    private VectorGf16Kernel() {
    }

    /**
     * Product tables, 8 x 16 bytes per constant (nibble n's low-byte table, then its high one): by log, for the
     * decoder's scaling, and by FFT twiddle index, for the butterflies, so a transform layer reads its tables in
     * order instead of jumping around 8 MiB. Built on first use (tens of milliseconds).
     */
    private static final class Tables {
        static final byte[] BY_LOG = build(false);
        static final byte[] BY_TWIDDLE = build(true);

        private static byte[] build(boolean byTwiddle) {
            int count = byTwiddle ? Gf16.MODULUS : Gf16.ORDER;
            byte[] lut = new byte[count * 128 + 32];
            for (int index = 0; index < count; index++) {
                int log = byTwiddle ? Gf16.skew(index) : index;
                int base = index * 128;
                for (int nibble = 0; nibble < 4; nibble++) {
                    for (int v = 0; v < 16; v++) {
                        int product = Gf16.mulLog(v << (4 * nibble), log);
                        lut[base + nibble * 32 + v] = (byte) product;
                        lut[base + nibble * 32 + 16 + v] = (byte) (product >>> 8);
                    }
                }
            }
            return lut;
        }
    }

    @Override
    public void ifftButterfly(byte[] x, byte[] y, int length, int twiddle) {
        if (Gf16.skew(twiddle) == Gf16.MODULUS) {
            xor(y, x, length);
            return;
        }
        byte[] t = Tables.BY_TWIDDLE;
        int base = twiddle * 128;
        ByteVector l0 = table(t, base, 0), h0 = table(t, base, 1), l1 = table(t, base, 2), h1 = table(t, base, 3);
        ByteVector l2 = table(t, base, 4), h2 = table(t, base, 5), l3 = table(t, base, 6), h3 = table(t, base, 7);
        for (int o = 0; o < length; o += 64) {
            ByteVector xl = load(x, o), xh = load(x, o + 32);
            ByteVector yl = load(y, o).lanewise(XOR, xl), yh = load(y, o + 32).lanewise(XOR, xh);
            yl.intoArray(y, o);
            yh.intoArray(y, o + 32);
            ByteVector n0 = yl.and(Nibbles.LOW), n1 = Nibbles.high(yl), n2 = yh.and(Nibbles.LOW), n3 = Nibbles.high(yh);
            xl.lanewise(XOR, lookup(n0, n1, n2, n3, l0, l1, l2, l3)).intoArray(x, o);
            xh.lanewise(XOR, lookup(n0, n1, n2, n3, h0, h1, h2, h3)).intoArray(x, o + 32);
        }
    }

    @Override
    public void fftButterfly(byte[] x, byte[] y, int length, int twiddle) {
        if (Gf16.skew(twiddle) == Gf16.MODULUS) {
            xor(y, x, length);
            return;
        }
        byte[] t = Tables.BY_TWIDDLE;
        int base = twiddle * 128;
        ByteVector l0 = table(t, base, 0), h0 = table(t, base, 1), l1 = table(t, base, 2), h1 = table(t, base, 3);
        ByteVector l2 = table(t, base, 4), h2 = table(t, base, 5), l3 = table(t, base, 6), h3 = table(t, base, 7);
        for (int o = 0; o < length; o += 64) {
            ByteVector yl = load(y, o), yh = load(y, o + 32);
            ByteVector n0 = yl.and(Nibbles.LOW), n1 = Nibbles.high(yl), n2 = yh.and(Nibbles.LOW), n3 = Nibbles.high(yh);
            ByteVector xl = load(x, o).lanewise(XOR, lookup(n0, n1, n2, n3, l0, l1, l2, l3));
            ByteVector xh = load(x, o + 32).lanewise(XOR, lookup(n0, n1, n2, n3, h0, h1, h2, h3));
            xl.intoArray(x, o);
            xh.intoArray(x, o + 32);
            yl.lanewise(XOR, xl).intoArray(y, o);
            yh.lanewise(XOR, xh).intoArray(y, o + 32);
        }
    }

    @Override
    public void xor(byte[] dst, byte[] src, int length) {
        for (int o = 0; o < length; o += 32) {
            load(dst, o).lanewise(XOR, load(src, o)).intoArray(dst, o);
        }
    }

    @Override
    public void multiply(byte[] shard, int length, int log) {
        byte[] t = Tables.BY_LOG;
        int base = log * 128;
        ByteVector l0 = table(t, base, 0), h0 = table(t, base, 1), l1 = table(t, base, 2), h1 = table(t, base, 3);
        ByteVector l2 = table(t, base, 4), h2 = table(t, base, 5), l3 = table(t, base, 6), h3 = table(t, base, 7);
        for (int o = 0; o < length; o += 64) {
            ByteVector yl = load(shard, o), yh = load(shard, o + 32);
            ByteVector n0 = yl.and(Nibbles.LOW), n1 = Nibbles.high(yl), n2 = yh.and(Nibbles.LOW), n3 = Nibbles.high(yh);
            lookup(n0, n1, n2, n3, l0, l1, l2, l3).intoArray(shard, o);
            lookup(n0, n1, n2, n3, h0, h1, h2, h3).intoArray(shard, o + 32);
        }
    }

    private static ByteVector table(byte[] tables, int base, int index) {
        return ByteVector.fromArray(S, tables, base + 16 * index);
    }

    private static ByteVector load(byte[] shard, int offset) {
        return ByteVector.fromArray(S, shard, offset);
    }

    /** One product byte: the four nibbles' table entries XORed. */
    private static ByteVector lookup(ByteVector n0, ByteVector n1, ByteVector n2, ByteVector n3,
                                     ByteVector t0, ByteVector t1, ByteVector t2, ByteVector t3) {
        return n0.selectFrom(t0).lanewise(XOR, n1.selectFrom(t1)).lanewise(XOR, n2.selectFrom(t2))
                .lanewise(XOR, n3.selectFrom(t3));
    }

    @Override
    public String name() {
        return "vector-256";
    }
}
