package io.lumen.capture.pipewire.impl.spa;

/**
 * What a consumer asks of its buffers in the Buffers param. {@code blocks}, {@code size} and {@code stride}
 * of 0 leave the choice to the producer, which knows its planes and row padding better.
 *
 * @param dataTypeMask {@link SpaData#mask} of the memory kinds lumen can read
 */
public record BufferRequest(int defaultBuffers, int minBuffers, int maxBuffers, int blocks, int size, int stride,
                            int dataTypeMask) {

    public BufferRequest {
        if (minBuffers < 1 || minBuffers > defaultBuffers || defaultBuffers > maxBuffers) {
            throw new IllegalArgumentException("buffer counts must satisfy 1 <= min <= default <= max, got "
                    + minBuffers + " <= " + defaultBuffers + " <= " + maxBuffers);
        }
        if (blocks < 0 || size < 0 || stride < 0) {
            throw new IllegalArgumentException("blocks, size and stride cannot be negative");
        }
        if (dataTypeMask == 0) {
            throw new IllegalArgumentException("no memory kind accepted");
        }
    }

    /** Counts and memory kinds only, the rest left to the producer. */
    public static BufferRequest of(int defaultBuffers, int minBuffers, int maxBuffers, int dataTypeMask) {
        return new BufferRequest(defaultBuffers, minBuffers, maxBuffers, 0, 0, 0, dataTypeMask);
    }
}
