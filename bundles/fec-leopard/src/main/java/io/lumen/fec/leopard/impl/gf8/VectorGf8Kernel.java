package io.lumen.fec.leopard.impl.gf8;

import io.lumen.fec.leopard.impl.simd.Nibbles;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * 32 bytes at a time: a product by a constant is two 16-entry nibble lookups ({@code selectFrom}, one byte
 * permute each), XORed. Up to four output rows share each loaded input vector. Rows are zeroed first and
 * then accumulate (a store-or-add choice in the loop would merge vectors and box them). 256-bit species on
 * purpose: 512-bit byte selects are not compiled to vector code by this JDK (FEC.md section 3). No vector value
 * crosses a method of ours, so C2 compiles the loops the same way however much it has inlined around them
 * ({@link Nibbles}); the four-row loop is bigger than C2 inlines into a hot caller, so it is always its own
 * compiled method.
 */
public final class VectorGf8Kernel implements Gf8Kernel {

    public static final VectorGf8Kernel INSTANCE = new VectorGf8Kernel();

    private static final VectorSpecies<Byte> S = ByteVector.SPECIES_256;
    private static final int W = 32;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorOperators.Associative XOR = VectorOperators.XOR;
    private static final VectorOperators.Binary LSHR = VectorOperators.LSHR;
    private static final byte LOW = Nibbles.LOW;

    private VectorGf8Kernel() {
    }

    @Override
    public void multiply(byte[] coefficients, int rows, int inputCount, MemorySegment[] inputs,
                         MemorySegment[] outputs, long length) {
        long vectorEnd = length - length % W;
        for (int row = 0; row < rows; row++) {
            zero(outputs[row], vectorEnd);
        }
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            for (int c = 0; c < inputCount; c++) {
                multiply4(coefficients, r * inputCount + c, inputCount, inputs[c], outputs[r], outputs[r + 1],
                        outputs[r + 2], outputs[r + 3], vectorEnd);
            }
        }
        if (r + 2 <= rows) {
            for (int c = 0; c < inputCount; c++) {
                multiply2(coefficients, r * inputCount + c, inputCount, inputs[c], outputs[r], outputs[r + 1],
                        vectorEnd);
            }
            r += 2;
        }
        if (r < rows) {
            for (int c = 0; c < inputCount; c++) {
                multiply1(coefficients, r * inputCount + c, inputs[c], outputs[r], vectorEnd);
            }
        }
        if (vectorEnd < length) {
            for (int row = 0; row < rows; row++) {
                ScalarGf8Kernel.multiplyRow(coefficients, row * inputCount, inputCount, inputs, outputs[row],
                        vectorEnd, length);
            }
        }
    }

    private static void multiply4(byte[] coefficients, int first, int stride, MemorySegment in, MemorySegment o0,
                                  MemorySegment o1, MemorySegment o2, MemorySegment o3, long end) {
        int c0 = table(coefficients[first]), c1 = table(coefficients[first + stride]);
        int c2 = table(coefficients[first + 2 * stride]), c3 = table(coefficients[first + 3 * stride]);
        byte[] lo = Gf8.nibbleLo();
        byte[] hi = Gf8.nibbleHi();
        ByteVector l0 = ByteVector.fromArray(S, lo, c0), h0 = ByteVector.fromArray(S, hi, c0);
        ByteVector l1 = ByteVector.fromArray(S, lo, c1), h1 = ByteVector.fromArray(S, hi, c1);
        ByteVector l2 = ByteVector.fromArray(S, lo, c2), h2 = ByteVector.fromArray(S, hi, c2);
        ByteVector l3 = ByteVector.fromArray(S, lo, c3), h3 = ByteVector.fromArray(S, hi, c3);
        for (long o = 0; o < end; o += W) {
            ByteVector d = ByteVector.fromMemorySegment(S, in, o, LE);
            ByteVector dl = d.and(LOW);
            ByteVector dh = d.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
            ByteVector.fromMemorySegment(S, o0, o, LE).lanewise(XOR, dl.selectFrom(l0)).lanewise(XOR, dh.selectFrom(h0))
                    .intoMemorySegment(o0, o, LE);
            ByteVector.fromMemorySegment(S, o1, o, LE).lanewise(XOR, dl.selectFrom(l1)).lanewise(XOR, dh.selectFrom(h1))
                    .intoMemorySegment(o1, o, LE);
            ByteVector.fromMemorySegment(S, o2, o, LE).lanewise(XOR, dl.selectFrom(l2)).lanewise(XOR, dh.selectFrom(h2))
                    .intoMemorySegment(o2, o, LE);
            ByteVector.fromMemorySegment(S, o3, o, LE).lanewise(XOR, dl.selectFrom(l3)).lanewise(XOR, dh.selectFrom(h3))
                    .intoMemorySegment(o3, o, LE);
        }
    }

    private static void multiply2(byte[] coefficients, int first, int stride, MemorySegment in, MemorySegment o0,
                                  MemorySegment o1, long end) {
        int c0 = table(coefficients[first]), c1 = table(coefficients[first + stride]);
        byte[] lo = Gf8.nibbleLo();
        byte[] hi = Gf8.nibbleHi();
        ByteVector l0 = ByteVector.fromArray(S, lo, c0), h0 = ByteVector.fromArray(S, hi, c0);
        ByteVector l1 = ByteVector.fromArray(S, lo, c1), h1 = ByteVector.fromArray(S, hi, c1);
        for (long o = 0; o < end; o += W) {
            ByteVector d = ByteVector.fromMemorySegment(S, in, o, LE);
            ByteVector dl = d.and(LOW);
            ByteVector dh = d.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
            ByteVector.fromMemorySegment(S, o0, o, LE).lanewise(XOR, dl.selectFrom(l0)).lanewise(XOR, dh.selectFrom(h0))
                    .intoMemorySegment(o0, o, LE);
            ByteVector.fromMemorySegment(S, o1, o, LE).lanewise(XOR, dl.selectFrom(l1)).lanewise(XOR, dh.selectFrom(h1))
                    .intoMemorySegment(o1, o, LE);
        }
    }

    private static void multiply1(byte[] coefficients, int index, MemorySegment in, MemorySegment out, long end) {
        int c = table(coefficients[index]);
        ByteVector l = ByteVector.fromArray(S, Gf8.nibbleLo(), c);
        ByteVector h = ByteVector.fromArray(S, Gf8.nibbleHi(), c);
        for (long o = 0; o < end; o += W) {
            ByteVector d = ByteVector.fromMemorySegment(S, in, o, LE);
            ByteVector dh = d.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
            ByteVector.fromMemorySegment(S, out, o, LE).lanewise(XOR, d.and(LOW).selectFrom(l))
                    .lanewise(XOR, dh.selectFrom(h)).intoMemorySegment(out, o, LE);
        }
    }

    private static int table(byte coefficient) {
        return (coefficient & 0xFF) * Gf8.TABLE_STRIDE;
    }

    private static void zero(MemorySegment out, long end) {
        ByteVector zero = ByteVector.zero(S);
        for (long o = 0; o < end; o += W) {
            zero.intoMemorySegment(out, o, LE);
        }
    }

    @Override
    public String name() {
        return "vector-256";
    }
}
