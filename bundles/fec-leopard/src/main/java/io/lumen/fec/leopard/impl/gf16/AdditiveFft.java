package io.lumen.fec.leopard.impl.gf16;

import java.lang.foreign.MemorySegment;

/**
 * Leopard's additive FFT over shards in one workspace: {@code size} shards of {@code shardBytes} from shard
 * {@code base}, twiddles {@code skew[offset + j]} (offset may be -1: index j >= 1 always).
 */
final class AdditiveFft {

    private AdditiveFft() {
    }

    static void inverse(Gf16Kernel kernel, MemorySegment work, int base, int size, long shardBytes, int offset) {
        for (int width = 1; width < size; width <<= 1) {
            for (int group = 0; group < size; group += width << 1) {
                int log = Gf16.skew(offset + group + width);
                long x = (long) (base + group) * shardBytes;
                long y = x + width * shardBytes;
                for (int j = 0; j < width; j++) {
                    kernel.ifftButterfly(work, x + j * shardBytes, y + j * shardBytes, shardBytes, log);
                }
            }
        }
    }

    static void forward(Gf16Kernel kernel, MemorySegment work, int base, int size, long shardBytes, int offset) {
        for (int width = size >> 1; width > 0; width >>= 1) {
            for (int group = 0; group < size; group += width << 1) {
                int log = Gf16.skew(offset + group + width);
                long x = (long) (base + group) * shardBytes;
                long y = x + width * shardBytes;
                for (int j = 0; j < width; j++) {
                    kernel.fftButterfly(work, x + j * shardBytes, y + j * shardBytes, shardBytes, log);
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
