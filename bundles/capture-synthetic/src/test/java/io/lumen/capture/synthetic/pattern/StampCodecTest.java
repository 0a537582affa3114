package io.lumen.capture.synthetic.pattern;

import io.lumen.api.media.PixelFormat;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class StampCodecTest {

    /** Luma plane of a painted I420 frame: exactly what a decoder hands back, minus the coding loss. */
    private static MemorySegment paintI420(int w, int h, long frame, FrameStamp stamp, Arena arena) {
        MemorySegment target = arena.allocate(PixelFormat.I420.frameBytes(w, h));
        new TestPattern(w, h, PixelFormat.I420).paint(target, w, frame, stamp);
        return target;
    }

    @Test
    void stampsReadBackFromEverySupportedSize() {
        Random random = new Random(42);
        int[][] sizes = {{96, 64}, {160, 90}, {320, 180}, {322, 182}, {1280, 720}, {1920, 1080}};
        try (Arena arena = Arena.ofConfined()) {
            for (int[] size : sizes) {
                for (int i = 0; i < 20; i++) {
                    FrameStamp stamp = new FrameStamp(random.nextLong(), random.nextLong());
                    MemorySegment luma = paintI420(size[0], size[1], i, stamp, arena);
                    assertEquals(Optional.of(stamp), StampCodec.read(luma, 0, size[0], size[0], size[1]),
                            size[0] + "x" + size[1]);
                }
            }
        }
    }

    @Test
    void aDamagedCellIsDetectedNotMisread() {
        try (Arena arena = Arena.ofConfined()) {
            FrameStamp stamp = new FrameStamp(123456, 987654321L);
            MemorySegment luma = paintI420(320, 180, 0, stamp, arena);
            // flip one counter cell (index 20) by painting it the opposite colour
            int x = StampCodec.cellX(20, 320), y = StampCodec.cellY(20, 320);
            boolean white = StampCodec.bits(stamp)[20];
            for (int dy = 0; dy < 8; dy++) {
                for (int dx = 0; dx < 8; dx++) {
                    luma.set(ValueLayout.JAVA_BYTE, (long) (y + dy) * 320 + x + dx, (byte) (white ? 16 : 235));
                }
            }
            assertEquals(Optional.empty(), StampCodec.read(luma, 0, 320, 320, 180));
        }
    }

    @Test
    void aPictureWithoutABandReadsAsNothing() {
        byte[] gray = new byte[320 * 180];
        java.util.Arrays.fill(gray, (byte) 128);
        assertEquals(Optional.empty(), StampCodec.read(gray, 0, 320, 320, 180));
    }

    @Test
    void tooSmallPicturesAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TestPattern(64, 48, PixelFormat.BGRX));
        assertTrue(e.getMessage().contains("at least 96x64"), e.getMessage());
    }

    @Test
    void counterAndTimeWrapToTheirWidths() {
        FrameStamp stamp = new FrameStamp((1L << 32) + 5, (1L << 40) + 7);
        assertEquals(5, stamp.counter());
        assertEquals(7, stamp.captureMicros());
        assertEquals(10, stamp.microsUntil((1L << 41) + 17));
    }
}
