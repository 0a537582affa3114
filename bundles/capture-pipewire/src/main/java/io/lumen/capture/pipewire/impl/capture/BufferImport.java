package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.media.PixelFormat;
import io.lumen.capture.pipewire.impl.ffm.BufferData;
import io.lumen.capture.pipewire.impl.spa.SpaData;
import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Where a PipeWire buffer's picture lies in this process: in the memory PipeWire mapped (MemPtr, and MemFd with
 * MAP_BUFFERS), or in a mapping of the buffer's fd made here, for DMA-BUFs PipeWire does not map (Vulkan-exported
 * ones are not flagged mappable). A chunk size of 0 means stride x height, as some producers leave it; a stride of
 * 0 means a packed row.
 */
final class BufferImport {

    private static final int PROT_READ = 1;
    private static final int MAP_SHARED = 1;
    private static final MethodHandle MMAP = NativeLibrary.libc().downcall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = NativeLibrary.libc().downcall("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));

    /** A picture to hand on, and what to undo once it is released (a mapping made here), or why there is none. */
    record Picture(MemorySegment pixels, int stride, MemorySegment ownMapping, String dropReason) {
        static Picture dropped(String reason) {
            return new Picture(null, 0, null, reason);
        }

        boolean isDropped() {
            return dropReason != null;
        }
    }

    private BufferImport() {
    }

    /** The picture of {@code data} as {@code format} at {@code width}x{@code height}. */
    static Picture picture(BufferData data, PixelFormat format, int width, int height) {
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
            return new Picture(data.data().asSlice(offset, needed), stride, null, null);
        }
        if (data.type() != SpaData.DMA_BUF && data.type() != SpaData.MEM_FD || data.fd() < 0) {
            return Picture.dropped("an unmapped buffer of type " + data.type() + " without an fd");
        }
        return mapOwn(data, stride, needed);
    }

    private static Picture mapOwn(BufferData data, int stride, long needed) {
        long length = data.mapOffset() + Integer.toUnsignedLong(data.chunkOffset()) + needed;
        MemorySegment mapping;
        try {
            mapping = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, length, PROT_READ, MAP_SHARED,
                    (int) data.fd(), 0L);
        } catch (Throwable e) {
            return Picture.dropped("mmap failed: " + e);
        }
        if (mapping.address() == -1L || mapping.address() == 0) {
            return Picture.dropped("mmap of fd " + data.fd() + " (" + length + " bytes) failed");
        }
        MemorySegment whole = mapping.reinterpret(length);
        return new Picture(whole.asSlice(length - needed, needed), stride, whole, null);
    }

    /** Undoes a mapping {@link #picture} made. */
    static void unmap(MemorySegment mapping) {
        try {
            int ignored = (int) MUNMAP.invokeExact(mapping, mapping.byteSize());
        } catch (Throwable e) {
            throw new IllegalStateException("munmap failed: " + e, e);
        }
    }
}
