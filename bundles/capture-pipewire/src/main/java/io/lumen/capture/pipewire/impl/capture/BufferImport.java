package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.media.PixelFormat;
import io.lumen.capture.pipewire.impl.ffm.BufferData;
import io.lumen.capture.pipewire.impl.spa.SpaData;
import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Where a PipeWire buffer's picture lies in this process: in the memory PipeWire mapped (MemPtr, and MemFd with
 * MAP_BUFFERS), or in a mapping of the buffer's fd made here, for DMA-BUFs PipeWire does not map (Vulkan-exported
 * ones are not flagged mappable). Such a mapping is made once per buffer and kept until the buffer leaves the
 * stream: mapping 8 MB afresh for every frame costs its page faults every frame. A chunk size of 0 means
 * stride x height, as some producers leave it; a stride of 0 means a packed row. Used on the stream's loop thread.
 */
final class BufferImport implements AutoCloseable {

    private static final int PROT_READ = 1;
    private static final int MAP_SHARED = 1;
    private static final MethodHandle MMAP = NativeLibrary.libc().downcall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = NativeLibrary.libc().downcall("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));

    /** A picture to hand on (and whether lumen mapped it), or why there is none. */
    record Picture(MemorySegment pixels, int stride, boolean mappedHere, String dropReason) {
        static Picture dropped(String reason) {
            return new Picture(null, 0, false, reason);
        }

        boolean isDropped() {
            return dropReason != null;
        }
    }

    private final Map<Long, MemorySegment> mappings = new HashMap<>();

    /** The picture of {@code data} as {@code format} at {@code width}x{@code height}. */
    Picture picture(BufferData data, PixelFormat format, int width, int height) {
        if ((data.chunkFlags() & BufferData.CHUNK_FLAG_CORRUPTED) != 0) {
            return Picture.dropped("the producer marked the buffer corrupted");
        }
        int stride = data.stride() != 0 ? Math.abs(data.stride()) : width * format.bytesPerPixel();
        if (stride < width * format.bytesPerPixel()) {
            return Picture.dropped("stride " + stride + " is shorter than a " + width + "-pixel " + format + " row");
        }
        long needed = format.frameBytes(stride, height);
        long size = data.chunkSize() != 0 ? Integer.toUnsignedLong(data.chunkSize()) : needed;
        if (size < needed) {
            return Picture.dropped("chunk of " + size + " bytes, a " + width + "x" + height + " " + format
                    + " picture needs " + needed);
        }
        if (data.isMapped()) {
            long offset = data.maxSize() == 0 ? 0 : Integer.toUnsignedLong(data.chunkOffset()) % data.maxSize();
            if (offset + needed > Integer.toUnsignedLong(data.maxSize())) {
                return Picture.dropped("chunk at " + offset + " runs past the buffer's " + data.maxSize() + " bytes");
            }
            return new Picture(data.data().asSlice(offset, needed), stride, false, null);
        }
        if (data.type() != SpaData.DMA_BUF && data.type() != SpaData.MEM_FD || data.fd() < 0) {
            return Picture.dropped("an unmapped buffer of type " + data.type() + " without an fd");
        }
        long start = Integer.toUnsignedLong(data.mapOffset()) + Integer.toUnsignedLong(data.chunkOffset());
        MemorySegment mapping = mapping(data.fd(), start + needed);
        if (mapping == null) {
            return Picture.dropped("mmap of the buffer's fd failed");
        }
        return new Picture(mapping.asSlice(start, needed), stride, true, null);
    }

    /** The fd's mapping, made (or made larger) when needed; null when mmap fails. */
    private MemorySegment mapping(long fd, long length) {
        MemorySegment kept = mappings.get(fd);
        if (kept != null && kept.byteSize() >= length) {
            return kept;
        }
        if (kept != null) {
            unmap(mappings.remove(fd));
        }
        MemorySegment mapped;
        try {
            mapped = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, length, PROT_READ, MAP_SHARED, (int) fd, 0L);
        } catch (Throwable e) {
            return null;
        }
        if (mapped.address() == -1L || mapped.address() == 0) {
            return null;
        }
        MemorySegment whole = mapped.reinterpret(length);
        mappings.put(fd, whole);
        return whole;
    }

    /** The buffer with {@code fd} left the stream: its mapping goes, before the fd number can be reused. */
    void forget(long fd) {
        MemorySegment kept = mappings.remove(fd);
        if (kept != null) {
            unmap(kept);
        }
    }

    private static void unmap(MemorySegment mapping) {
        try {
            int ignored = (int) MUNMAP.invokeExact(mapping, mapping.byteSize());
        } catch (Throwable e) {
            throw new IllegalStateException("munmap failed: " + e, e);
        }
    }

    /** Unmaps what is left; after the stream has stopped calling back. */
    @Override
    public void close() {
        mappings.values().forEach(BufferImport::unmap);
        mappings.clear();
    }
}
