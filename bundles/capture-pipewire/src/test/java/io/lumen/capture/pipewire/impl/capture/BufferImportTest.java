package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.media.PixelFormat;
import io.lumen.capture.pipewire.impl.ffm.BufferData;
import io.lumen.capture.pipewire.impl.spa.SpaData;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a mapped buffer's chunk becomes a picture, and every way it is refused; the fd path runs in pw-producer's tests. */
class BufferImportTest {

    private static final int W = 64;
    private static final int H = 32;

    private static BufferData mapped(MemorySegment memory, int chunkOffset, int chunkSize, int stride, int flags) {
        return new BufferData(SpaData.MEM_FD, 0, 7, 0, (int) memory.byteSize(), memory, chunkOffset, chunkSize,
                stride, flags);
    }

    @Test
    void aChunkSizeOfZeroIsStrideTimesHeightAndAStrideOfZeroIsAPackedRow() {
        try (Arena arena = Arena.ofConfined(); BufferImport memory = new BufferImport()) {
            MemorySegment buffer = arena.allocate((long) W * 4 * H);
            BufferImport.Picture picture = memory.picture(mapped(buffer, 0, 0, 0, 0), PixelFormat.BGRX, W, H);
            assertFalse(picture.isDropped(), picture.dropReason());
            assertEquals(W * 4, picture.stride());
            assertEquals((long) W * 4 * H, picture.pixels().byteSize());
            assertEquals(buffer.address(), picture.pixels().address());
            assertFalse(picture.mappedHere(), "PipeWire mapped it");
        }
    }

    @Test
    void aPaddedStrideAndAChunkOffsetAreKept() {
        int stride = W * 4 + 64;
        try (Arena arena = Arena.ofConfined(); BufferImport memory = new BufferImport()) {
            MemorySegment buffer = arena.allocate(4096L + (long) stride * H);
            BufferImport.Picture picture = memory.picture(mapped(buffer, 4096, stride * H, stride, 0),
                    PixelFormat.BGRX, W, H);
            assertFalse(picture.isDropped(), picture.dropReason());
            assertEquals(stride, picture.stride());
            assertEquals(buffer.address() + 4096, picture.pixels().address());
        }
    }

    @Test
    void everyUnusableBufferIsDroppedWithItsReason() {
        try (Arena arena = Arena.ofConfined(); BufferImport memory = new BufferImport()) {
            MemorySegment buffer = arena.allocate((long) W * 4 * H);
            assertEquals("the producer marked the buffer corrupted", memory.picture(mapped(buffer, 0, 0, 0,
                    BufferData.CHUNK_FLAG_CORRUPTED), PixelFormat.BGRX, W, H).dropReason());
            assertEquals("stride 100 is shorter than a 64-pixel BGRX row", memory.picture(mapped(buffer, 0, 0, 100, 0),
                    PixelFormat.BGRX, W, H).dropReason());
            assertEquals("chunk of 100 bytes, a 64x32 BGRX picture needs 8192", memory.picture(mapped(buffer, 0, 100,
                    0, 0), PixelFormat.BGRX, W, H).dropReason());
            assertTrue(memory.picture(mapped(buffer, 16, 0, 0, 0), PixelFormat.BGRX, W, H).dropReason()
                    .startsWith("chunk at 16 runs past the buffer's 8192 bytes"));
            BufferData unmappedWithoutFd = new BufferData(SpaData.DMA_BUF, 0, -1, 0, 8192, MemorySegment.NULL, 0, 0,
                    0, 0);
            assertEquals("an unmapped buffer of type 3 without an fd",
                    memory.picture(unmappedWithoutFd, PixelFormat.BGRX, W, H).dropReason());
        }
    }
}
