package io.lumen.fec.leopard.impl.gf8;

import io.lumen.fec.leopard.impl.simd.Nibbles;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * 32 bytes at a time: a product by a constant is two 16-entry nibble lookups ({@code selectFrom}, one byte
 * permute each), XORed. Up to four output rows share each loaded input vector, and inputs go two at a time so
 * each output is read and written once per pair. Rows are zeroed first and
 * then accumulate (a store-or-add choice in the loop would merge vectors and box them). 256-bit species on
 * purpose: 512-bit byte selects are not compiled to vector code by this JDK (FEC.md section 3). No vector value
 * crosses a method of ours, so C2 compiles the loops the same way however much it has inlined around them
 * ({@link Nibbles}); the four-row loops are bigger than C2 inlines into a hot caller, so each is always its own
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
            int c = 0;
            for (; c + 2 <= inputCount; c += 2) {
                multiply4Pair(coefficients, r * inputCount + c, inputCount, inputs[c], inputs[c + 1], outputs[r],
                        outputs[r + 1], outputs[r + 2], outputs[r + 3], vectorEnd);
            }
            if (c < inputCount) {
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

    /**
     * Four rows from two inputs: each output vector is loaded and stored once per two inputs, half the memory
     * traffic of two {@link #multiply4} passes; the sixteen tables stay in registers (AVX-512 machines have 32).
     */
    private static void multiply4Pair(byte[] coefficients, int first, int stride, MemorySegment a, MemorySegment b,
                                      MemorySegment o0, MemorySegment o1, MemorySegment o2, MemorySegment o3,
                                      long end) {
        byte[] lo = Gf8.nibbleLo();
        byte[] hi = Gf8.nibbleHi();
        int a0 = table(coefficients[first]), a1 = table(coefficients[first + stride]);
        int a2 = table(coefficients[first + 2 * stride]), a3 = table(coefficients[first + 3 * stride]);
        int b0 = table(coefficients[first + 1]), b1 = table(coefficients[first + 1 + stride]);
        int b2 = table(coefficients[first + 1 + 2 * stride]), b3 = table(coefficients[first + 1 + 3 * stride]);
        ByteVector la0 = ByteVector.fromArray(S, lo, a0), ha0 = ByteVector.fromArray(S, hi, a0);
        ByteVector la1 = ByteVector.fromArray(S, lo, a1), ha1 = ByteVector.fromArray(S, hi, a1);
        ByteVector la2 = ByteVector.fromArray(S, lo, a2), ha2 = ByteVector.fromArray(S, hi, a2);
        ByteVector la3 = ByteVector.fromArray(S, lo, a3), ha3 = ByteVector.fromArray(S, hi, a3);
        ByteVector lb0 = ByteVector.fromArray(S, lo, b0), hb0 = ByteVector.fromArray(S, hi, b0);
        ByteVector lb1 = ByteVector.fromArray(S, lo, b1), hb1 = ByteVector.fromArray(S, hi, b1);
        ByteVector lb2 = ByteVector.fromArray(S, lo, b2), hb2 = ByteVector.fromArray(S, hi, b2);
        ByteVector lb3 = ByteVector.fromArray(S, lo, b3), hb3 = ByteVector.fromArray(S, hi, b3);
        for (long o = 0; o < end; o += W) {
            ByteVector d = ByteVector.fromMemorySegment(S, a, o, LE);
            ByteVector e = ByteVector.fromMemorySegment(S, b, o, LE);
            ByteVector dl = d.and(LOW), el = e.and(LOW);
            ByteVector dh = d.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
            ByteVector eh = e.reinterpretAsShorts().lanewise(LSHR, 4).reinterpretAsBytes().and(LOW);
            ByteVector.fromMemorySegment(S, o0, o, LE).lanewise(XOR, dl.selectFrom(la0)).lanewise(XOR, dh.selectFrom(ha0))
                    .lanewise(XOR, el.selectFrom(lb0)).lanewise(XOR, eh.selectFrom(hb0)).intoMemorySegment(o0, o, LE);
            ByteVector.fromMemorySegment(S, o1, o, LE).lanewise(XOR, dl.selectFrom(la1)).lanewise(XOR, dh.selectFrom(ha1))
                    .lanewise(XOR, el.selectFrom(lb1)).lanewise(XOR, eh.selectFrom(hb1)).intoMemorySegment(o1, o, LE);
            ByteVector.fromMemorySegment(S, o2, o, LE).lanewise(XOR, dl.selectFrom(la2)).lanewise(XOR, dh.selectFrom(ha2))
                    .lanewise(XOR, el.selectFrom(lb2)).lanewise(XOR, eh.selectFrom(hb2)).intoMemorySegment(o2, o, LE);
            ByteVector.fromMemorySegment(S, o3, o, LE).lanewise(XOR, dl.selectFrom(la3)).lanewise(XOR, dh.selectFrom(ha3))
                    .lanewise(XOR, el.selectFrom(lb3)).lanewise(XOR, eh.selectFrom(hb3)).intoMemorySegment(o3, o, LE);
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
