package io.lumen.fec.leopard.impl.gf16;

/**
 * The shard operations of Leopard's additive FFT, on the codec's own workspace shards: {@code byte[]} of a
 * length that is a multiple of 64 (32 symbols, low bytes then high bytes). Callers' segments never reach
 * these loops: they are copied in and out, so the vector loads here always see one kind of memory (a JIT
 * profile that has seen heap and native segments at the same load compiles every such load slower).
 * Butterflies come a transform group at a time ({@code work[j]} with {@code work[j + width]} for every j of the
 * group, one twiddle), so each call does enough work to stand as its own compiled method; the twiddle is an
 * index into {@link Gf16#skew}, and a skew log of {@link Gf16#MODULUS} means "skip the multiply".
 */
public interface Gf16Kernel {

    /**
     * Inverse-transform butterflies of one group: for j in {@code [first, first + width)}, with
     * {@code x = work[j], y = work[j + width]}: {@code y ^= x; x ^= y * exp(skew[twiddle])}.
     */
    void ifftGroup(byte[][] work, int first, int width, int length, int twiddle);

    /**
     * Forward-transform butterflies of one group: for j in {@code [first, first + width)}, with
     * {@code x = work[j], y = work[j + width]}: {@code x ^= y * exp(skew[twiddle]); y ^= x}.
     */
    void fftGroup(byte[][] work, int first, int width, int length, int twiddle);

    /** {@code dst ^= src}. */
    void xor(byte[] dst, byte[] src, int length);

    /** {@code shard = shard * exp(log)} in place; here a log of 65535 multiplies by one. */
    void multiply(byte[] shard, int length, int log);

    String name();
}
