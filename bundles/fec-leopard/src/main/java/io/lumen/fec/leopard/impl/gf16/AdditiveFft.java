package io.lumen.fec.leopard.impl.gf16;

import java.lang.foreign.MemorySegment;

/**
 * Leopard's additive FFT over shards in one workspace: {@code size} shards of {@code shardBytes} from shard
 * {@code base}, twiddles {@code skew[offset + j]} (offset may be -1: j >= 1 always). Both directions skip the
 * butterfly groups that cannot matter: the inverse those whose inputs are all still zero, the forward those
 * whose outputs nobody reads. Skipping changes no byte of what is read.
 */
final class AdditiveFft {

    private AdditiveFft() {
    }

    /** Inverse transform of shards whose entries from {@code nonZero} on are zero. */
    static void inverse(Gf16Kernel kernel, MemorySegment work, int base, int size, long shardBytes, int offset,
                        int nonZero) {
        for (int width = 1; width < size; width <<= 1) {
            for (int group = 0; group < size && group < nonZero; group += width << 1) {
                int twiddle = offset + group + width;
                long x = (long) (base + group) * shardBytes;
                long y = x + width * shardBytes;
                for (int j = 0; j < width; j++) {
                    kernel.ifftButterfly(work, x + j * shardBytes, y + j * shardBytes, shardBytes, twiddle);
                }
            }
        }
    }

    /**
     * Forward transform computing only the outputs at {@code needed[0 .. count)} (ascending), or when
     * {@code needed} is null the first {@code count} outputs.
     */
    static void forward(Gf16Kernel kernel, MemorySegment work, int base, int size, long shardBytes, int offset,
                        int[] needed, int count) {
        for (int width = size >> 1; width > 0; width >>= 1) {
            int next = 0;
            for (int group = 0; group < size; group += width << 1) {
                int end = group + (width << 1);
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
                    if (needed[next] >= end) {
                        continue;
                    }
                }
                int twiddle = offset + group + width;
                long x = (long) (base + group) * shardBytes;
                long y = x + width * shardBytes;
                for (int j = 0; j < width; j++) {
                    kernel.fftButterfly(work, x + j * shardBytes, y + j * shardBytes, shardBytes, twiddle);
                }
            }
        }
    }

    /** The formal derivative in the novel polynomial basis, in place over {@code size} shards. */
    static void formalDerivative(Gf16Kernel kernel, MemorySegment work, int size, long shardBytes) {
        for (int i = 1; i < size; i++) {
            int width = ((i ^ (i - 1)) + 1) >>> 1;
            kernel.xor(work, (long) (i - width) * shardBytes, work, (long) i * shardBytes, width * shardBytes);
        }
    }
}
