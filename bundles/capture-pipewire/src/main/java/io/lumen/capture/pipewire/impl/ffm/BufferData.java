package io.lumen.capture.pipewire.impl.ffm;

import java.lang.foreign.MemorySegment;

/**
 * One {@code spa_data} of a dequeued buffer with its {@code spa_chunk}, read when the buffer was dequeued (the
 * producer writes the chunk before it queues the buffer). {@code data} is the mapped memory (MemPtr, or MemFd
 * mapped by MAP_BUFFERS), {@code maxSize} bytes, or NULL for an unmapped DmaBuf; valid until the buffer is queued
 * back.
 *
 * @param type      {@link io.lumen.capture.pipewire.impl.spa.SpaData}: MEM_PTR, MEM_FD or DMA_BUF
 * @param fd        the MemFd/DmaBuf fd, or -1
 * @param mapOffset where the data starts in the fd
 * @param stride    bytes per row; 0 when the producer left it unset (then width x bytes per pixel)
 */
public record BufferData(int type, int flags, long fd, int mapOffset, int maxSize, MemorySegment data,
                      int chunkOffset, int chunkSize, int stride, int chunkFlags) {

    /** spa_chunk flag: the producer marked the data corrupted. */
    public static final int CHUNK_FLAG_CORRUPTED = 1;

    public boolean isMapped() {
        return data.address() != 0;
    }

    /**
     * The chunk's valid bytes inside the mapped memory; the offset wraps at maxSize as SPA's ring semantics say.
     */
    public MemorySegment bytes() {
        if (!isMapped()) {
            throw new IllegalStateException("a type " + type + " buffer is not mapped");
        }
        long offset = maxSize == 0 ? 0 : Integer.toUnsignedLong(chunkOffset) % maxSize;
        long size = Math.min(Integer.toUnsignedLong(chunkSize), maxSize - offset);
        return data.asSlice(offset, size);
    }
}
