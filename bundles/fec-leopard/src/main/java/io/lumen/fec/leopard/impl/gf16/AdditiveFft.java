package io.lumen.fec.leopard.impl.gf16;

/**
 * Leopard's additive FFT over workspace shards {@code work[base .. base + size)}, twiddles
 * {@code skew[offset + j]} (offset may be -1: j >= 1 always). Both directions skip the butterfly groups that
 * cannot matter: the inverse those whose inputs are all still zero, the forward those whose outputs nobody
 * reads. Skipping changes no byte of what is read.
 */
final class AdditiveFft {

    private AdditiveFft() {
    }

    /** Inverse transform of shards whose entries from {@code nonZero} on are zero. */
    static void inverse(Gf16Kernel kernel, byte[][] work, int base, int size, int shardBytes, int offset,
                        int nonZero) {
        for (int width = 1; width < size; width <<= 1) {
            for (int group = 0; group < size && group < nonZero; group += width << 1) {
                int twiddle = offset + group + width;
                for (int j = base + group; j < base + group + width; j++) {
                    kernel.ifftButterfly(work[j], work[j + width], shardBytes, twiddle);
                }
            }
        }
    }

    /**
     * Forward transform computing only the outputs at {@code needed[0 .. count)} (ascending, relative to
     * base), or when {@code needed} is null the first {@code count} outputs.
     */
    static void forward(Gf16Kernel kernel, byte[][] work, int base, int size, int shardBytes, int offset,
                        int[] needed, int count) {
        for (int width = size >> 1; width > 0; width >>= 1) {
            int next = 0;
            for (int group = 0; group < size; group += width << 1) {
                if (needed == null) {
                    if (group >= count) {
                        break;
                    }
                } else {
                    while (next < count && needed[next] < group) {
                        next++;
                    }
                    if (next == count) {
                        break;
                    }
                    if (needed[next] >= group + (width << 1)) {
                        continue;
                    }
                }
                int twiddle = offset + group + width;
                for (int j = base + group; j < base + group + width; j++) {
                    kernel.fftButterfly(work[j], work[j + width], shardBytes, twiddle);
                }
            }
        }
    }

    /** The formal derivative in the novel polynomial basis, in place over {@code size} shards. */
    static void formalDerivative(Gf16Kernel kernel, byte[][] work, int size, int shardBytes) {
        for (int i = 1; i < size; i++) {
            int width = ((i ^ (i - 1)) + 1) >>> 1;
            for (int j = 0; j < width; j++) {
                kernel.xor(work[i - width + j], work[i + j], shardBytes);
            }
        }
    }
}
