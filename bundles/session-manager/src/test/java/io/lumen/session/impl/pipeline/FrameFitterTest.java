package io.lumen.session.impl.pipeline;

import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameFitterTest {

    private static final int BLACK = 0xff000000;

    /** A BGRX frame whose pixel at (x, y) is {@code pixels.at(x, y)}, rows padded to {@code stride}. */
    private static Frame frame(Arena arena, int width, int height, int stride, PixelAt pixels) {
        MemorySegment data = arena.allocate((long) stride * height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                data.set(ValueLayout.JAVA_INT_UNALIGNED, (long) y * stride + 4L * x, pixels.at(x, y));
            }
        }
        return new Frame(data, PixelFormat.BGRX, width, height, stride, 17, 123_456, null);
    }

    @FunctionalInterface
    private interface PixelAt {
        int at(int x, int y);
    }

    private static FrameFitter fitter(int width, int height) {
        return new FrameFitter(new VideoMode(width, height, 30), info -> { });
    }

    private static int pixel(Frame frame, int x, int y) {
        return frame.data().get(ValueLayout.JAVA_INT_UNALIGNED, (long) y * frame.stride() + 4L * x);
    }

    @Test
    void aPictureOfTheClientsSizePassesUntouched() {
        try (Arena arena = Arena.ofConfined(); FrameFitter fitter = fitter(8, 4)) {
            Frame frame = frame(arena, 8, 4, 32, (x, y) -> 0x00112233);
            assertSame(frame, fitter.fit(frame));
        }
    }

    @Test
    void halvingAveragesEachTwoByTwoBlockPerChannel() {
        try (Arena arena = Arena.ofConfined(); FrameFitter fitter = fitter(2, 2)) {
            // block (0,0): channel 0 of 10, 20, 30, 41 -> 25.25 rounds to 25; channel 1 of 0, 0, 0, 255 -> 64
            int[][] block = {{0x0000000a, 0x00000014}, {0x0000001e, 0x0000ff29}};
            Frame source = frame(arena, 4, 4, 20, (x, y) -> x < 2 && y < 2 ? block[y][x]
                    : (x >= 2 && y >= 2 ? 0x00ffffff : 0x00804020));
            Frame fitted = fitter.fit(source);
            assertNotSame(source, fitted);
            assertEquals(BLACK | 0x00004019, pixel(fitted, 0, 0));
            assertEquals(BLACK | 0x00804020, pixel(fitted, 1, 0));
            assertEquals(BLACK | 0x00804020, pixel(fitted, 0, 1));
            assertEquals(BLACK | 0x00ffffff, pixel(fitted, 1, 1));
            assertEquals(17, fitted.sequence(), "the capture's numbering and time carry over");
            assertEquals(123_456, fitted.captureNanos());
            assertEquals(PixelFormat.BGRX, fitted.format());
            fitted.release();
        }
    }

    @Test
    void aSquareWindowIsCentredOnBlackBarsAtTheClientsSize() {
        try (Arena arena = Arena.ofConfined(); FrameFitter fitter = fitter(640, 360)) {
            Frame window = frame(arena, 200, 200, 800, (x, y) -> x < 100 ? 0x000000ff : 0x0000ff00);
            Frame fitted = fitter.fit(window);
            assertEquals(640, fitted.width());
            assertEquals(360, fitted.height());
            // 200x200 grows to 360x360, from column 140 to 499
            assertEquals(BLACK, pixel(fitted, 139, 180));
            assertEquals(BLACK | 0x000000ff, pixel(fitted, 140, 0));
            assertEquals(BLACK | 0x000000ff, pixel(fitted, 319, 359));
            assertEquals(BLACK | 0x0000ff00, pixel(fitted, 320, 180));
            assertEquals(BLACK | 0x0000ff00, pixel(fitted, 499, 0));
            assertEquals(BLACK, pixel(fitted, 500, 180));
            assertEquals(BLACK, pixel(fitted, 639, 359));
            fitted.release();
        }
    }

    @Test
    void aWideOutputGetsBarsAboveAndBelowAndBuffersAreReused() {
        try (Arena arena = Arena.ofConfined(); FrameFitter fitter = fitter(100, 100)) {
            Frame output = frame(arena, 400, 200, 1600, (x, y) -> 0x00336699);
            Frame first = fitter.fit(output);
            assertEquals(BLACK, pixel(first, 50, 24), "content is 100x50, from row 25");
            assertEquals(BLACK | 0x00336699, pixel(first, 50, 25));
            assertEquals(BLACK | 0x00336699, pixel(first, 0, 74));
            assertEquals(BLACK, pixel(first, 99, 75));
            MemorySegment memory = first.data();
            first.release();
            Frame second = fitter.fit(output);
            assertEquals(memory.address(), second.data().address(), "a released buffer is used again");
            second.release();
        }
    }

    @Test
    void planarFramesAreLeftToTheEncoder() {
        try (Arena arena = Arena.ofConfined(); FrameFitter fitter = fitter(64, 64)) {
            Frame nv12 = new Frame(arena.allocate(PixelFormat.NV12.frameBytes(32, 16)), PixelFormat.NV12, 32, 16, 32,
                    0, 0, null);
            assertTrue(fitter.fits(nv12));
            assertSame(nv12, fitter.fit(nv12));
        }
    }
}
