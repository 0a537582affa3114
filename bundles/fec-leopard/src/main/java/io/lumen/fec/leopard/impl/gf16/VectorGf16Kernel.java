package io.lumen.fec.leopard.impl.gf16;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * 32 symbols (one 64-byte block) at a time: a product by a constant splits each symbol into four nibbles and
 * looks each up in two 16-entry tables (low and high product byte): eight byte selects per block, with the
 * tables of every constant precomputed once (8 MiB, as Leopard keeps them).
 */
public final class VectorGf16Kernel implements Gf16Kernel {

    public static final VectorGf16Kernel INSTANCE = new VectorGf16Kernel();

    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private VectorGf16Kernel() {
    }

    /** Tables for every log: 8 x 16 bytes at {@code log * 128}: nibble n's low-byte table, then its high one. */
    private static final class Tables {
        static final byte[] PRODUCTS = build();

        private static byte[] build() {
            byte[] lut = new byte[Gf16.ORDER * 128 + 32];
            for (int log = 0; log < Gf16.ORDER; log++) {
                int base = log * 128;
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

    /** Forces the table build (tens of milliseconds) before the first block needs it. */
    public static void warm() {
        if (Tables.PRODUCTS.length == 0) {
            throw new IllegalStateException();
        }
    }

    @Override
    public void ifftButterfly(MemorySegment work, long x, long y, long length, int log) {
        if (log == Gf16.MODULUS) {
            xor(work, y, work, x, length);
            return;
        }
        byte[] t = Tables.PRODUCTS;
        int base = log * 128;
        ByteVector l0 = ByteVector.fromArray(S, t, base), h0 = ByteVector.fromArray(S, t, base + 16);
        ByteVector l1 = ByteVector.fromArray(S, t, base + 32), h1 = ByteVector.fromArray(S, t, base + 48);
        ByteVector l2 = ByteVector.fromArray(S, t, base + 64), h2 = ByteVector.fromArray(S, t, base + 80);
        ByteVector l3 = ByteVector.fromArray(S, t, base + 96), h3 = ByteVector.fromArray(S, t, base + 112);
        for (long o = 0; o < length; o += 64) {
            ByteVector xl = ByteVector.fromMemorySegment(S, work, x + o, LE);
            ByteVector xh = ByteVector.fromMemorySegment(S, work, x + o + 32, LE);
            ByteVector yl = ByteVector.fromMemorySegment(S, work, y + o, LE).lanewise(VectorOperators.XOR, xl);
            ByteVector yh = ByteVector.fromMemorySegment(S, work, y + o + 32, LE).lanewise(VectorOperators.XOR, xh);
            yl.intoMemorySegment(work, y + o, LE);
            yh.intoMemorySegment(work, y + o + 32, LE);
            ByteVector n0 = yl.and((byte) 0x0F), n1 = yl.lanewise(VectorOperators.LSHR, 4);
            ByteVector n2 = yh.and((byte) 0x0F), n3 = yh.lanewise(VectorOperators.LSHR, 4);
            ByteVector pl = n0.selectFrom(l0).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3));
            ByteVector ph = n0.selectFrom(h0).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3));
            xl.lanewise(VectorOperators.XOR, pl).intoMemorySegment(work, x + o, LE);
            xh.lanewise(VectorOperators.XOR, ph).intoMemorySegment(work, x + o + 32, LE);
        }
    }

    @Override
    public void fftButterfly(MemorySegment work, long x, long y, long length, int log) {
        if (log == Gf16.MODULUS) {
            xor(work, y, work, x, length);
            return;
        }
        byte[] t = Tables.PRODUCTS;
        int base = log * 128;
        ByteVector l0 = ByteVector.fromArray(S, t, base), h0 = ByteVector.fromArray(S, t, base + 16);
        ByteVector l1 = ByteVector.fromArray(S, t, base + 32), h1 = ByteVector.fromArray(S, t, base + 48);
        ByteVector l2 = ByteVector.fromArray(S, t, base + 64), h2 = ByteVector.fromArray(S, t, base + 80);
        ByteVector l3 = ByteVector.fromArray(S, t, base + 96), h3 = ByteVector.fromArray(S, t, base + 112);
        for (long o = 0; o < length; o += 64) {
            ByteVector yl = ByteVector.fromMemorySegment(S, work, y + o, LE);
            ByteVector yh = ByteVector.fromMemorySegment(S, work, y + o + 32, LE);
            ByteVector n0 = yl.and((byte) 0x0F), n1 = yl.lanewise(VectorOperators.LSHR, 4);
            ByteVector n2 = yh.and((byte) 0x0F), n3 = yh.lanewise(VectorOperators.LSHR, 4);
            ByteVector pl = n0.selectFrom(l0).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3));
            ByteVector ph = n0.selectFrom(h0).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3));
            ByteVector xl = ByteVector.fromMemorySegment(S, work, x + o, LE).lanewise(VectorOperators.XOR, pl);
            ByteVector xh = ByteVector.fromMemorySegment(S, work, x + o + 32, LE).lanewise(VectorOperators.XOR, ph);
            xl.intoMemorySegment(work, x + o, LE);
            xh.intoMemorySegment(work, x + o + 32, LE);
            yl.lanewise(VectorOperators.XOR, xl).intoMemorySegment(work, y + o, LE);
            yh.lanewise(VectorOperators.XOR, xh).intoMemorySegment(work, y + o + 32, LE);
        }
    }

    @Override
    public void xor(MemorySegment dst, long dstOffset, MemorySegment src, long srcOffset, long length) {
        for (long o = 0; o < length; o += 32) {
            ByteVector.fromMemorySegment(S, dst, dstOffset + o, LE)
                    .lanewise(VectorOperators.XOR, ByteVector.fromMemorySegment(S, src, srcOffset + o, LE))
                    .intoMemorySegment(dst, dstOffset + o, LE);
        }
    }

    @Override
    public void multiply(MemorySegment dst, long dstOffset, MemorySegment src, long srcOffset, long length, int log) {
        byte[] t = Tables.PRODUCTS;
        int base = log * 128;
        ByteVector l0 = ByteVector.fromArray(S, t, base), h0 = ByteVector.fromArray(S, t, base + 16);
        ByteVector l1 = ByteVector.fromArray(S, t, base + 32), h1 = ByteVector.fromArray(S, t, base + 48);
        ByteVector l2 = ByteVector.fromArray(S, t, base + 64), h2 = ByteVector.fromArray(S, t, base + 80);
        ByteVector l3 = ByteVector.fromArray(S, t, base + 96), h3 = ByteVector.fromArray(S, t, base + 112);
        for (long o = 0; o < length; o += 64) {
            ByteVector yl = ByteVector.fromMemorySegment(S, src, srcOffset + o, LE);
            ByteVector yh = ByteVector.fromMemorySegment(S, src, srcOffset + o + 32, LE);
            ByteVector n0 = yl.and((byte) 0x0F), n1 = yl.lanewise(VectorOperators.LSHR, 4);
            ByteVector n2 = yh.and((byte) 0x0F), n3 = yh.lanewise(VectorOperators.LSHR, 4);
            n0.selectFrom(l0).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3))
                    .intoMemorySegment(dst, dstOffset + o, LE);
            n0.selectFrom(h0).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
                    .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3))
                    .intoMemorySegment(dst, dstOffset + o + 32, LE);
        }
    }

    @Override
    public String name() {
        return "vector-256";
    }
}
