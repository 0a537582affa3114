package io.lumen.encode.nvenc.impl.ffm;

import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The copy into a locked input buffer, with a pitch wider than the frame's stride, as the driver hands it out. */
class InputCopyTest {

    @Test
    void packedFramesMapToNvencsWordOrderedFormats() {
        assertEquals(NvencConstants.BUFFER_FORMAT_ARGB, InputCopy.bufferFormat(PixelFormat.BGRX, false));
        assertEquals(NvencConstants.BUFFER_FORMAT_ARGB, InputCopy.bufferFormat(PixelFormat.BGRA, false));
        assertEquals(NvencConstants.BUFFER_FORMAT_ABGR, InputCopy.bufferFormat(PixelFormat.RGBX, false));
        assertEquals(NvencConstants.BUFFER_FORMAT_ABGR10, InputCopy.bufferFormat(PixelFormat.RGBA, true));
        assertEquals(NvencConstants.BUFFER_FORMAT_NV12, InputCopy.bufferFormat(PixelFormat.NV12, false));
        assertEquals(-1, InputCopy.bufferFormat(PixelFormat.NV12, true));
        assertEquals(-1, InputCopy.bufferFormat(PixelFormat.I420, false));
    }

    @Test
    void rowsLandAtThePitchAndThePaddingIsUntouched() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pixels = arena.allocate(3 * 8);
            for (int i = 0; i < 24; i++) {
                pixels.set(JAVA_BYTE, i, (byte) (i + 1));
            }
            Frame frame = new Frame(pixels, PixelFormat.BGRX, 2, 3, 8, 1, 0, null);
            MemorySegment locked = arena.allocate(16 * 3).fill((byte) 0x55);
            InputCopy.copy(frame, locked, 16, false);
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals((byte) (y * 8 + x + 1), locked.get(JAVA_BYTE, y * 16L + x));
                }
                assertEquals((byte) 0x55, locked.get(JAVA_BYTE, y * 16L + 8), "pitch padding is not written");
            }
        }
    }

    @Test
    void tenBitWidensEachChannelKeepingItsPlace() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pixels = arena.allocate(4);
            pixels.set(JAVA_INT, 0, 0x00FF8000); // B=0x00, G=0x80, R=0xFF in memory order
            Frame frame = new Frame(pixels, PixelFormat.BGRX, 1, 1, 4, 1, 0, null);
            MemorySegment locked = arena.allocate(4);
            InputCopy.copy(frame, locked, 4, true);
            int word = locked.get(JAVA_INT, 0);
            assertEquals(3, word >>> 30, "opaque alpha");
            assertEquals(1023, (word >>> 20) & 0x3FF, "R 0xFF -> 1023");
            assertEquals(514, (word >>> 10) & 0x3FF, "G 0x80 -> 514");
            assertEquals(0, word & 0x3FF, "B 0 -> 0");
        }
    }
}
