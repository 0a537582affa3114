package io.lumen.fec.leopard.impl.gf16;

/**
 * The shard operations of Leopard's additive FFT, on the codec's own workspace shards: {@code byte[]} of a
 * length that is a multiple of 64 (32 symbols, low bytes then high bytes). Callers' segments never reach
 * these loops: they are copied in and out, so the vector loads here always see one kind of memory (a JIT
 * profile that has seen heap and native segments at the same load compiles every such load slower).
 * Butterflies take their constant as a twiddle index into {@link Gf16#skew}; a skew log of
 * {@link Gf16#MODULUS} means "skip the multiply".
 */
public interface Gf16Kernel {

    /** Inverse-transform butterfly: {@code y ^= x; x ^= y * exp(skew[twiddle])}. */
    void ifftButterfly(byte[] x, byte[] y, int length, int twiddle);

    /** Forward-transform butterfly: {@code x ^= y * exp(skew[twiddle]); y ^= x}. */
    void fftButterfly(byte[] x, byte[] y, int length, int twiddle);

    /** {@code dst ^= src}. */
    void xor(byte[] dst, byte[] src, int length);

    /** {@code shard = shard * exp(log)} in place; here a log of 65535 multiplies by one. */
    void multiply(byte[] shard, int length, int log);

    String name();
}
