package io.lumen.fec.leopard.impl.gf16;

import java.lang.foreign.MemorySegment;

/**
 * The shard operations of Leopard's additive FFT. Shards are addressed as (segment, byte offset) so a whole
 * workspace is one segment; lengths are multiples of 64 (32 symbols, low bytes then high bytes). Butterflies
 * take their constant as a twiddle index into {@link Gf16#skew}; a skew log of {@link Gf16#MODULUS} means "skip
 * the multiply".
 */
public interface Gf16Kernel {

    /** Inverse-transform butterfly: {@code y ^= x; x ^= y * exp(skew[twiddle])}. */
    void ifftButterfly(MemorySegment work, long x, long y, long length, int twiddle);

    /** Forward-transform butterfly: {@code x ^= y * exp(skew[twiddle]); y ^= x}. */
    void fftButterfly(MemorySegment work, long x, long y, long length, int twiddle);

    /** {@code work[offset, offset + length) = 0}. */
    void zero(MemorySegment work, long offset, long length);

    /** {@code dst ^= src}. */
    void xor(MemorySegment dst, long dstOffset, MemorySegment src, long srcOffset, long length);

    /** {@code dst = src * exp(log)}; here a log of 65535 multiplies by one. */
    void multiply(MemorySegment dst, long dstOffset, MemorySegment src, long srcOffset, long length, int log);

    String name();
}
