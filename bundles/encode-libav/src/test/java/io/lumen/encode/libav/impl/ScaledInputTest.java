package io.lumen.encode.libav.impl;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.encode.Letterbox;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures of another size than the session's through libx264, which scales them in its conversion pass
 * ({@code scalesInput}): ffmpeg decodes the session's size, every stamp reads back through the {@link Letterbox}
 * rectangle, and what the rectangle leaves is black.
 */
class ScaledInputTest {

    private static final VideoMode SESSION = new VideoMode(1920, 1080, 60);
    private static final int FRAMES = 8;
    /** Compression smears the picture's edge a few pixels into a bar; the bar is judged beyond that. */
    private static final int EDGE = 8;

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"2560, 1440, BGRX", "1280, 720, BGRX", "3840, 2160, BGRX", "1440, 1080, BGRX", "2560, 1080, BGRX",
            "1920, 1200, I420", "1280, 720, RGBA"})
    void anOffSizeCaptureDecodesAtTheSessionsSizeFittedWithBlackBars(int width, int height, PixelFormat format,
                                                                     @TempDir Path dir) throws Exception {
        X264Backend backend = new X264Backend();
        Assumptions.assumeTrue(backend.probe().available(), "libx264 cannot run here: " + backend.probe());
        assertTrue(backend.scalesInput());
        TestPattern pattern = new TestPattern(width, height, format);
        int stride = TestPattern.minimumStride(width, format);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined();
             EncoderSession session = backend.open(new EncoderConfig(Codec.H264, SESSION, 20_000, 1, false))) {
            MemorySegment pixels = arena.allocate(format.frameBytes(stride, height));
            for (int i = 0; i < FRAMES; i++) {
                pattern.paint(pixels, stride, i, FrameStamp.now(i));
                session.encode(new Frame(pixels, format, width, height, stride, i, System.nanoTime(), null),
                        unit -> stream.writeBytes(unit.data().toArray(ValueLayout.JAVA_BYTE)));
            }
        }
        Path file = dir.resolve("fitted.h264");
        Files.write(file, stream.toByteArray());
        DecodedVideo video = FfmpegDecoder.decode(file, "h264");
        assertEquals(SESSION.width(), video.width());
        assertEquals(SESSION.height(), video.height());
        Letterbox box = Letterbox.of(width, height, SESSION.width(), SESSION.height());
        assertEquals(LongStream.range(0, FRAMES).boxed().toList(), StampTrack.ofFitted(video, width, height,
                box.left(), box.top(), box.width(), box.height()).assertStrictlyIncreasing().counters());
        assertBarsBlack(video, box);
    }

    @Test
    void theCaptureSizeMayChangeFromFrameToFrame(@TempDir Path dir) throws Exception {
        X264Backend backend = new X264Backend();
        Assumptions.assumeTrue(backend.probe().available(), "libx264 cannot run here: " + backend.probe());
        VideoMode mode = new VideoMode(640, 360, 60);
        int[][] sizes = {{320, 180}, {1280, 720}, {640, 360}, {480, 360}};
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int[] units = {0};
        try (Arena arena = Arena.ofConfined();
             EncoderSession session = backend.open(new EncoderConfig(Codec.H264, mode, 2000, 1, false))) {
            for (int i = 0; i < sizes.length; i++) {
                int w = sizes[i][0];
                int h = sizes[i][1];
                MemorySegment pixels = arena.allocate((long) w * h * 4);
                new TestPattern(w, h, PixelFormat.BGRX).paint(pixels, w * 4, i, FrameStamp.now(i));
                session.encode(new Frame(pixels, PixelFormat.BGRX, w, h, w * 4, i, System.nanoTime(), null), unit -> {
                    units[0]++;
                    stream.writeBytes(unit.data().toArray(ValueLayout.JAVA_BYTE));
                });
            }
        }
        assertEquals(sizes.length, units[0], "one picture per frame, whatever its size");
        Path file = dir.resolve("changing.h264");
        Files.write(file, stream.toByteArray());
        DecodedVideo video = FfmpegDecoder.decode(file, "h264");
        assertEquals(List.of(640, 360, sizes.length), List.of(video.width(), video.height(), video.count()));
    }

    /** In every picture, what {@code box} leaves uncovered is black. */
    static void assertBarsBlack(DecodedVideo video, Letterbox box) {
        video.assertBlackOutside(box.left(), box.top(), box.width(), box.height(), EDGE);
    }
}
