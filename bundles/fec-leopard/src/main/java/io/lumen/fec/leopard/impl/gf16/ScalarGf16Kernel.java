package io.lumen.fec.leopard.impl.gf16;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A symbol at a time through the log/exp tables: the reference, and the path without the Vector API. */
public final class ScalarGf16Kernel implements Gf16Kernel {

    public static final ScalarGf16Kernel INSTANCE = new ScalarGf16Kernel();

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

    private ScalarGf16Kernel() {
    }

    @Override
    public void ifftButterfly(MemorySegment work, long x, long y, long length, int twiddle) {
        int log = Gf16.skew(twiddle);
        xor(work, y, work, x, length);
        if (log != Gf16.MODULUS) {
            mulAdd(work, x, work, y, length, log);
        }
    }

    @Override
    public void fftButterfly(MemorySegment work, long x, long y, long length, int twiddle) {
        int log = Gf16.skew(twiddle);
        if (log != Gf16.MODULUS) {
            mulAdd(work, x, work, y, length, log);
        }
        xor(work, y, work, x, length);
    }

    @Override
    public void zero(MemorySegment work, long offset, long length) {
        for (long b = 0; b < length; b += 8) {
            work.set(LONG, offset + b, 0L);
        }
    }

    @Override
    public void xor(MemorySegment dst, long dstOffset, MemorySegment src, long srcOffset, long length) {
        for (long b = 0; b < length; b += 8) {
            dst.set(LONG, dstOffset + b, dst.get(LONG, dstOffset + b) ^ src.get(LONG, srcOffset + b));
        }
    }

    @Override
    public void multiply(MemorySegment dst, long dstOffset, MemorySegment src, long srcOffset, long length, int log) {
        for (long block = 0; block < length; block += 64) {
            for (int t = 0; t < 32; t++) {
                int symbol = symbol(src, srcOffset + block, t);
                put(dst, dstOffset + block, t, Gf16.mulLog(symbol, log));
            }
        }
    }

    private static void mulAdd(MemorySegment dst, long dstOffset, MemorySegment src, long srcOffset, long length,
                               int log) {
        for (long block = 0; block < length; block += 64) {
            for (int t = 0; t < 32; t++) {
                int product = Gf16.mulLog(symbol(src, srcOffset + block, t), log);
                put(dst, dstOffset + block, t, symbol(dst, dstOffset + block, t) ^ product);
            }
        }
    }

    private static int symbol(MemorySegment segment, long block, int t) {
        return (segment.get(BYTE, block + t) & 0xFF) | (segment.get(BYTE, block + 32 + t) & 0xFF) << 8;
    }

    private static void put(MemorySegment segment, long block, int t, int symbol) {
        segment.set(BYTE, block + t, (byte) symbol);
        segment.set(BYTE, block + 32 + t, (byte) (symbol >>> 8));
    }

    @Override
    public String name() {
        return "scalar";
    }
}
