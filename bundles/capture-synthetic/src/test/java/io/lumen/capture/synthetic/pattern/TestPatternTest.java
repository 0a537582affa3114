package io.lumen.capture.synthetic.pattern;

import io.lumen.api.media.PixelFormat;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.*;

class TestPatternTest {

    @Test
    void thePictureMovesFromFrameToFrameOutsideTheBand() {
        try (Arena arena = Arena.ofConfined()) {
            int w = 320, h = 180, stride = w * 4;
            TestPattern pattern = new TestPattern(w, h, PixelFormat.BGRX);
            MemorySegment a = arena.allocate((long) stride * h);
            MemorySegment b = arena.allocate((long) stride * h);
            FrameStamp same = new FrameStamp(1, 1);
            pattern.paint(a, stride, 0, same);
            pattern.paint(b, stride, 1, same);
            long band = (long) StampCodec.bandHeight(w) * stride;
            assertEquals(-1, a.asSlice(0, band).mismatch(b.asSlice(0, band)), "same stamp, same band");
            assertNotEquals(-1, a.asSlice(band).mismatch(b.asSlice(band)), "the rest moved");
        }
    }

    @Test
    void grainLeavesNoRowOfOneFrameInTheNextAndTheStampReadable() {
        try (Arena arena = Arena.ofConfined()) {
            int w = 320, h = 180, stride = w;
            TestPattern pattern = new TestPattern(w, h, PixelFormat.I420, true);
            MemorySegment a = arena.allocate(PixelFormat.I420.frameBytes(stride, h));
            MemorySegment b = arena.allocate(PixelFormat.I420.frameBytes(stride, h));
            pattern.paint(a, stride, 7, new FrameStamp(7, 70));
            pattern.paint(b, stride, 8, new FrameStamp(8, 80));
            int band = StampCodec.bandHeight(w);
            int shared = 0;
            for (int y = band; y < h; y++) {
                MemorySegment row = a.asSlice((long) y * stride, stride);
                for (int z = band; z < h; z++) {
                    if (row.mismatch(b.asSlice((long) z * stride, stride)) == -1) {
                        shared++;
                    }
                }
            }
            assertTrue(shared < (h - band) / 4, shared + " rows of frame 7 come back in frame 8: a motion search finds them");
            assertEquals(java.util.Optional.of(new FrameStamp(7, 70)), StampCodec.read(a, 0, stride, w, h));
        }
    }

    @Test
    void packedFormatsPutTheChannelsWhereTheyBelong() {
        try (Arena arena = Arena.ofConfined()) {
            int w = 160, h = 90, stride = w * 4;
            MemorySegment bgrx = arena.allocate((long) stride * h);
            MemorySegment rgbx = arena.allocate((long) stride * h);
            new TestPattern(w, h, PixelFormat.BGRX).paint(bgrx, stride, 3, new FrameStamp(9, 9));
            new TestPattern(w, h, PixelFormat.RGBX).paint(rgbx, stride, 3, new FrameStamp(9, 9));
            for (long px = 0; px < (long) w * h; px += 97) {
                assertEquals(bgrx.get(ValueLayout.JAVA_BYTE, px * 4), rgbx.get(ValueLayout.JAVA_BYTE, px * 4 + 2));
                assertEquals(bgrx.get(ValueLayout.JAVA_BYTE, px * 4 + 1), rgbx.get(ValueLayout.JAVA_BYTE, px * 4 + 1));
            }
        }
    }

    @Test
    void aPaddedStrideIsHonouredAndATooSmallTargetRefused() {
        try (Arena arena = Arena.ofConfined()) {
            int w = 160, h = 90, stride = w * 4 + 64;
            MemorySegment target = arena.allocate((long) stride * h);
            target.fill((byte) 0x5A);
            new TestPattern(w, h, PixelFormat.BGRX).paint(target, stride, 0, new FrameStamp(1, 2));
            assertEquals(0x5A, target.get(ValueLayout.JAVA_BYTE, (long) 10 * stride + w * 4 + 3), "padding untouched");
            assertThrows(IllegalArgumentException.class, () -> new TestPattern(w, h, PixelFormat.BGRX)
                    .paint(arena.allocate(100), stride, 0, new FrameStamp(1, 2)));
        }
    }

    @Test
    void limitedRangeBlackAndWhite() {
        assertEquals(16, TestPattern.luma(0x000000));
        assertEquals(235, TestPattern.luma(0xFFFFFF));
        assertEquals(128, TestPattern.cb(0xFFFFFF));
        assertEquals(128, TestPattern.cr(0x000000));
    }
}
