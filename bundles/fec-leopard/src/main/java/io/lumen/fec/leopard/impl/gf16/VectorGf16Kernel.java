package io.lumen.fec.leopard.impl.gf16;

import io.lumen.fec.leopard.impl.simd.Nibbles;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * 32 symbols (one 64-byte block) at a time: a product by a constant splits each symbol into four nibbles and
 * looks each up in two 16-entry tables (low and high product byte): eight byte selects per block, with the
 * tables of every constant precomputed once.
 *
 * <p>Written for C2, whose choices otherwise changed from one JVM start to the next (fec-bench forks of one
 * benchmark at 2,200 and 3,900 MB/s): every vector value stays inside the method that makes it (see
 * {@link Nibbles}), and the group and multiply methods are bigger than C2 inlines into a hot caller
 * ({@code FreqInlineSize}, 325 bytecode bytes), so each is compiled on its own rather than into the codec
 * beside other vector loops, whichever of them the JIT happens to compile first. {@code KernelShapeTest} holds
 * both.
 */
public final class VectorGf16Kernel implements Gf16Kernel {

    public static final VectorGf16Kernel INSTANCE = new VectorGf16Kernel();

    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_256;
    private static final int W = 32;
    private static final VectorOperators.Associative XOR = VectorOperators.XOR;
    private static final VectorOperators.Binary LSHR = VectorOperators.LSHR;
    private static final byte LOW = Nibbles.LOW;

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
    public void ifftGroup(byte[][] work, int first, int width, int length, int twiddle) {
        if (Gf16.skew(twiddle) == Gf16.MODULUS) {
            for (int j = first; j < first + width; j++) {
                byte[] x = work[j];
                byte[] y = work[j + width];
                for (int o = 0; o < length; o += W) {
                    ByteVector.fromArray(S, y, o).lanewise(XOR, ByteVector.fromArray(S, x, o)).intoArray(y, o);
                }
            }
            return;
        }
        byte[] t = Tables.BY_TWIDDLE;
        int base = twiddle * 128;
        ByteVector l0 = ByteVector.fromArray(S, t, base), h0 = ByteVector.fromArray(S, t, base + 16);
        ByteVector l1 = ByteVector.fromArray(S, t, base + 32), h1 = ByteVector.fromArray(S, t, base + 48);
        ByteVector l2 = ByteVector.fromArray(S, t, base + 64), h2 = ByteVector.fromArray(S, t, base + 80);
        ByteVector l3 = ByteVector.fromArray(S, t, base + 96), h3 = ByteVector.fromArray(S, t, base + 112);
        for (int j = first; j < first + width; j++) {
            byte[] x = work[j];
            byte[] y = work[j + width];
            for (int o = 0; o < length; o += 2 * W) {
                ByteVector xl = ByteVector.fromArray(S, x, o), xh = ByteVector.fromArray(S, x, o + W);
                ByteVector yl = ByteVector.fromArray(S, y, o).lanewise(XOR, xl);
                ByteVector yh = ByteVector.fromArray(S, y, o + W).lanewise(XOR, xh);
                yl.intoArray(y, o);
                yh.intoArray(y, o + W);
                ByteVector n0 = yl.and(LOW), n2 = yh.and(LOW);
                ByteVector n1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
                ByteVector n3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
                xl.lanewise(XOR, n0.selectFrom(l0)).lanewise(XOR, n1.selectFrom(l1)).lanewise(XOR, n2.selectFrom(l2))
                        .lanewise(XOR, n3.selectFrom(l3)).intoArray(x, o);
                xh.lanewise(XOR, n0.selectFrom(h0)).lanewise(XOR, n1.selectFrom(h1)).lanewise(XOR, n2.selectFrom(h2))
                        .lanewise(XOR, n3.selectFrom(h3)).intoArray(x, o + W);
            }
        }
    }

    @Override
    public void fftGroup(byte[][] work, int first, int width, int length, int twiddle) {
        if (Gf16.skew(twiddle) == Gf16.MODULUS) {
            for (int j = first; j < first + width; j++) {
                byte[] x = work[j];
                byte[] y = work[j + width];
                for (int o = 0; o < length; o += W) {
                    ByteVector.fromArray(S, y, o).lanewise(XOR, ByteVector.fromArray(S, x, o)).intoArray(y, o);
                }
            }
            return;
        }
        byte[] t = Tables.BY_TWIDDLE;
        int base = twiddle * 128;
        ByteVector l0 = ByteVector.fromArray(S, t, base), h0 = ByteVector.fromArray(S, t, base + 16);
        ByteVector l1 = ByteVector.fromArray(S, t, base + 32), h1 = ByteVector.fromArray(S, t, base + 48);
        ByteVector l2 = ByteVector.fromArray(S, t, base + 64), h2 = ByteVector.fromArray(S, t, base + 80);
        ByteVector l3 = ByteVector.fromArray(S, t, base + 96), h3 = ByteVector.fromArray(S, t, base + 112);
        for (int j = first; j < first + width; j++) {
            byte[] x = work[j];
            byte[] y = work[j + width];
            for (int o = 0; o < length; o += 2 * W) {
                ByteVector yl = ByteVector.fromArray(S, y, o), yh = ByteVector.fromArray(S, y, o + W);
                ByteVector n0 = yl.and(LOW), n2 = yh.and(LOW);
                ByteVector n1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
                ByteVector n3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
                ByteVector xl = ByteVector.fromArray(S, x, o).lanewise(XOR, n0.selectFrom(l0))
                        .lanewise(XOR, n1.selectFrom(l1)).lanewise(XOR, n2.selectFrom(l2)).lanewise(XOR, n3.selectFrom(l3));
                ByteVector xh = ByteVector.fromArray(S, x, o + W).lanewise(XOR, n0.selectFrom(h0))
                        .lanewise(XOR, n1.selectFrom(h1)).lanewise(XOR, n2.selectFrom(h2)).lanewise(XOR, n3.selectFrom(h3));
                xl.intoArray(x, o);
                xh.intoArray(x, o + W);
                yl.lanewise(XOR, xl).intoArray(y, o);
                yh.lanewise(XOR, xh).intoArray(y, o + W);
            }
        }
    }

    @Override
    public void xor(byte[] dst, byte[] src, int length) {
        for (int o = 0; o < length; o += W) {
            ByteVector.fromArray(S, dst, o).lanewise(XOR, ByteVector.fromArray(S, src, o)).intoArray(dst, o);
        }
    }

    @Override
    public void multiply(byte[] shard, int length, int log) {
        byte[] t = Tables.BY_LOG;
        int base = log * 128;
        ByteVector l0 = ByteVector.fromArray(S, t, base), h0 = ByteVector.fromArray(S, t, base + 16);
        ByteVector l1 = ByteVector.fromArray(S, t, base + 32), h1 = ByteVector.fromArray(S, t, base + 48);
        ByteVector l2 = ByteVector.fromArray(S, t, base + 64), h2 = ByteVector.fromArray(S, t, base + 80);
        ByteVector l3 = ByteVector.fromArray(S, t, base + 96), h3 = ByteVector.fromArray(S, t, base + 112);
        for (int o = 0; o < length; o += 2 * W) {
            ByteVector yl = ByteVector.fromArray(S, shard, o), yh = ByteVector.fromArray(S, shard, o + W);
            ByteVector n0 = yl.and(LOW), n2 = yh.and(LOW);
            ByteVector n1 = yl.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
            ByteVector n3 = yh.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
            n0.selectFrom(l0).lanewise(XOR, n1.selectFrom(l1)).lanewise(XOR, n2.selectFrom(l2))
                    .lanewise(XOR, n3.selectFrom(l3)).intoArray(shard, o);
            n0.selectFrom(h0).lanewise(XOR, n1.selectFrom(h1)).lanewise(XOR, n2.selectFrom(h2))
                    .lanewise(XOR, n3.selectFrom(h3)).intoArray(shard, o + W);
        }
    }

    @Override
    public String name() {
        return "vector-256";
    }
}
