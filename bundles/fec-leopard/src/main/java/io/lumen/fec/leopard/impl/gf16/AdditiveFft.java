package io.lumen.fec.leopard.impl.gf16;

import java.util.Arrays;

/**
 * Leopard's additive FFT over workspace shards {@code work[base .. base + size)}, twiddles
 * {@code skew[offset + j]} (offset may be -1: j >= 1 always).
 *
 * <p>Layers narrower than a cache block (about 256 KiB of shards) only mix shards inside one aligned block, so
 * they run block by block while the block stays in L2; only the wider layers sweep the whole workspace. That
 * halves the passes over a workspace too big for the caches (a 32768-shard block) and changes no byte. The
 * kernel takes a whole group per call, so these loops hold no vector code of their own and it does not matter
 * whether the JIT inlines them into the codec (see {@link VectorGf16Kernel}). Both directions skip the groups
 * that cannot matter: the inverse those whose inputs are all still zero, the forward those whose outputs nobody
 * reads.
 */
final class AdditiveFft {

    private static final int CACHE_BLOCK_BYTES = 256 * 1024;

    private AdditiveFft() {
    }

    /** Inverse transform of shards whose entries from {@code nonZero} on are zero. */
    static void inverse(Gf16Kernel kernel, byte[][] work, int base, int size, int shardBytes, int offset,
                        int nonZero) {
        int block = blockShards(size, shardBytes);
        int smallLayers = Integer.numberOfTrailingZeros(block);
        int blocks = size / block;
        int tasks = blocks * smallLayers + Integer.numberOfTrailingZeros(size) - smallLayers;
        for (int task = 0; task < tasks; task++) {
            // block by block the narrow layers (ascending), then each wide layer over everything
            int width;
            int from;
            int to;
            if (task < blocks * smallLayers) {
                width = 1 << task % smallLayers;
                from = task / smallLayers * block;
                to = from + block;
            } else {
                width = block << task - blocks * smallLayers;
                from = 0;
                to = size;
            }
            for (int group = from; group < to && group < nonZero; group += width << 1) {
                kernel.ifftGroup(work, base + group, width, shardBytes, offset + group + width);
            }
        }
    }

    /**
     * Forward transform computing only the outputs at {@code needed[0 .. count)} (ascending, relative to
     * base), or when {@code needed} is null the first {@code count} outputs.
     */
    static void forward(Gf16Kernel kernel, byte[][] work, int base, int size, int shardBytes, int offset,
                        int[] needed, int count) {
        int block = blockShards(size, shardBytes);
        int smallLayers = Integer.numberOfTrailingZeros(block);
        int wideLayers = Integer.numberOfTrailingZeros(size) - smallLayers;
        int tasks = wideLayers + size / block * smallLayers;
        for (int task = 0; task < tasks; task++) {
            // each wide layer over everything (descending), then block by block the narrow ones
            int width;
            int from;
            int to;
            if (task < wideLayers) {
                width = size >> 1 + task;
                from = 0;
                to = size;
            } else {
                int narrow = task - wideLayers;
                width = block >> 1 + narrow % smallLayers;
                from = narrow / smallLayers * block;
                to = from + block;
            }
            for (int group = from; group < to; group += width << 1) {
                if (!anyNeeded(needed, count, group, group + (width << 1))) {
                    continue;
                }
                kernel.fftGroup(work, base + group, width, shardBytes, offset + group + width);
            }
        }
    }

    /** Shards per cache block: a power of two, at least 2, at most the transform. */
    private static int blockShards(int size, int shardBytes) {
        int fit = Integer.highestOneBit(Math.max(2, CACHE_BLOCK_BYTES / shardBytes));
        return Math.max(Math.min(size, fit), Math.min(size, 2));
    }

    /** Whether an output in {@code [from, to)} is read. */
    private static boolean anyNeeded(int[] needed, int count, int from, int to) {
        if (needed == null) {
            return from < count;
        }
        int at = Arrays.binarySearch(needed, 0, count, from);
        int index = at >= 0 ? at : -at - 1;
        return index < count && needed[index] < to;
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
