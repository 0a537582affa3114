package io.lumen.capture.pipewire.impl.ffm;

import java.lang.foreign.MemorySegment;

/**
 * One {@code spa_data} of a dequeued buffer with its {@code spa_chunk}, read when the buffer was dequeued (the
 * producer writes the chunk before it queues the buffer). {@code data} is the mapped memory (MemPtr, or MemFd
 * mapped by MAP_BUFFERS), {@code maxSize} bytes, or NULL for an unmapped DmaBuf; valid until the buffer is queued
 * back.
 *
 * @param type      1 MemPtr, 2 MemFd, 3 DmaBuf
 * @param fd        the MemFd/DmaBuf fd, or -1
 * @param mapOffset where the data starts in the fd
 * @param stride    bytes per row; 0 when the producer left it unset (then width x bytes per pixel)
 */
public record SpaData(int type, int flags, long fd, int mapOffset, int maxSize, MemorySegment data,
                      int chunkOffset, int chunkSize, int stride, int chunkFlags) {

    public static final int MEM_PTR = PwLayouts.DATA_MEM_PTR;
    public static final int MEM_FD = PwLayouts.DATA_MEM_FD;
    public static final int DMA_BUF = PwLayouts.DATA_DMA_BUF;

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
