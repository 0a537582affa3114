package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.media.PixelFormat;

import java.lang.foreign.MemorySegment;

/** Copies a packed picture between row pitches: in one block when the pitches agree, else row by row. */
final class Rows {

    private Rows() {
    }

    static void copy(MemorySegment from, int fromStride, MemorySegment to, int toStride, int rowBytes, int rows,
                     PixelFormat format) {
        if (fromStride == toStride) {
            MemorySegment.copy(from, 0, to, 0, format.frameBytes(toStride, rows));
            return;
        }
        for (int row = 0; row < rows; row++) {
            MemorySegment.copy(from, (long) row * fromStride, to, (long) row * toStride, rowBytes);
        }
    }
}
