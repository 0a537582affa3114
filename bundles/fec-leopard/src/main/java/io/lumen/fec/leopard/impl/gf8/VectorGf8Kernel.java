package io.lumen.fec.leopard.impl.gf8;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * 32 bytes at a time: a product by a constant is two 16-entry nibble lookups ({@code selectFrom}, one byte
 * permute each on AVX2/AVX-512), XORed. Four output rows share each loaded input vector. 256-bit species on
 * purpose: 512-bit byte selects are not compiled to vector code by this JDK (FEC.md section 3).
 */
public final class VectorGf8Kernel implements Gf8Kernel {

    public static final VectorGf8Kernel INSTANCE = new VectorGf8Kernel();

    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_256;
    private static final int W = 32;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private VectorGf8Kernel() {
    }

    @Override
    public void multiply(byte[] coefficients, int rows, int inputCount, MemorySegment[] inputs,
                         MemorySegment[] outputs, long length) {
        long vectorEnd = length - length % W;
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            for (int i = 0; i < 4; i++) {
                outputs[r + i].asSlice(0, vectorEnd).fill((byte) 0);
            }
            for (int c = 0; c < inputCount; c++) {
                multiplyAdd4(coefficients, r * inputCount + c, inputCount, inputs[c], outputs[r], outputs[r + 1],
                        outputs[r + 2], outputs[r + 3], vectorEnd);
            }
        }
        for (; r < rows; r++) {
            outputs[r].asSlice(0, vectorEnd).fill((byte) 0);
            for (int c = 0; c < inputCount; c++) {
                multiplyAdd1(coefficients[r * inputCount + c] & 0xFF, inputs[c], outputs[r], vectorEnd);
            }
        }
        if (vectorEnd < length) {
            for (int row = 0; row < rows; row++) {
                ScalarGf8Kernel.multiplyRow(coefficients, row * inputCount, inputCount, inputs, outputs[row],
                        vectorEnd, length);
            }
        }
    }

    private static void multiplyAdd4(byte[] coefficients, int first, int stride, MemorySegment in,
                                     MemorySegment o0, MemorySegment o1, MemorySegment o2, MemorySegment o3,
                                     long end) {
        byte[] lo = Gf8.nibbleLo();
        byte[] hi = Gf8.nibbleHi();
        int c0 = (coefficients[first] & 0xFF) * Gf8.TABLE_STRIDE;
        int c1 = (coefficients[first + stride] & 0xFF) * Gf8.TABLE_STRIDE;
        int c2 = (coefficients[first + 2 * stride] & 0xFF) * Gf8.TABLE_STRIDE;
        int c3 = (coefficients[first + 3 * stride] & 0xFF) * Gf8.TABLE_STRIDE;
        ByteVector l0 = ByteVector.fromArray(S, lo, c0), h0 = ByteVector.fromArray(S, hi, c0);
        ByteVector l1 = ByteVector.fromArray(S, lo, c1), h1 = ByteVector.fromArray(S, hi, c1);
        ByteVector l2 = ByteVector.fromArray(S, lo, c2), h2 = ByteVector.fromArray(S, hi, c2);
        ByteVector l3 = ByteVector.fromArray(S, lo, c3), h3 = ByteVector.fromArray(S, hi, c3);
        for (long o = 0; o < end; o += W) {
            ByteVector d = ByteVector.fromMemorySegment(S, in, o, LE);
            ByteVector dl = d.and((byte) 0x0F);
            ByteVector dh = d.lanewise(VectorOperators.LSHR, 4);
            accumulate(o0, o, dl.selectFrom(l0).lanewise(VectorOperators.XOR, dh.selectFrom(h0)));
            accumulate(o1, o, dl.selectFrom(l1).lanewise(VectorOperators.XOR, dh.selectFrom(h1)));
            accumulate(o2, o, dl.selectFrom(l2).lanewise(VectorOperators.XOR, dh.selectFrom(h2)));
            accumulate(o3, o, dl.selectFrom(l3).lanewise(VectorOperators.XOR, dh.selectFrom(h3)));
        }
    }

    private static void multiplyAdd1(int coefficient, MemorySegment in, MemorySegment out, long end) {
        if (coefficient == 0) {
            return;
        }
        ByteVector l = ByteVector.fromArray(S, Gf8.nibbleLo(), coefficient * Gf8.TABLE_STRIDE);
        ByteVector h = ByteVector.fromArray(S, Gf8.nibbleHi(), coefficient * Gf8.TABLE_STRIDE);
        for (long o = 0; o < end; o += W) {
            ByteVector d = ByteVector.fromMemorySegment(S, in, o, LE);
            ByteVector product = d.and((byte) 0x0F).selectFrom(l)
                    .lanewise(VectorOperators.XOR, d.lanewise(VectorOperators.LSHR, 4).selectFrom(h));
            accumulate(out, o, product);
        }
    }

    private static void accumulate(MemorySegment out, long offset, ByteVector product) {
        ByteVector.fromMemorySegment(S, out, offset, LE).lanewise(VectorOperators.XOR, product)
                .intoMemorySegment(out, offset, LE);
    }

    @Override
    public String name() {
        return "vector-256";
    }
}
