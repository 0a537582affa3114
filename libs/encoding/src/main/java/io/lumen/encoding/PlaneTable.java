package io.lumen.encoding;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The planes of a picture as a native struct lists them: an array of plane pointers at {@code pointers} and an array
 * of int row strides at {@code strides} (libavutil's AVFrame {@code data}/{@code linesize}, x264's x264_image_t
 * {@code plane}/{@code i_stride}). Read afresh on every call, since the library may swap the buffers.
 *
 * @param struct   the struct, at least as large as both arrays' ends
 * @param pointers offset of the plane pointer array
 * @param strides  offset of the stride array
 */
public record PlaneTable(MemorySegment struct, long pointers, long strides) {

    /**
     * Plane {@code index}, from row {@code row} of that plane on. Unbounded: the library sized the plane, and the
     * converter writes only the rows and strides it was given.
     */
    @SuppressWarnings("restricted")
    public MemorySegment plane(int index, int row) {
        return struct.get(ValueLayout.ADDRESS, pointers + 8L * index)
                .reinterpret(Long.MAX_VALUE).asSlice((long) row * linesize(index));
    }

    /** Bytes between rows of plane {@code index}. */
    public int linesize(int index) {
        return struct.get(ValueLayout.JAVA_INT, strides + 4L * index);
    }
}
