package io.lumen.testkit;

import io.lumen.api.media.PixelFormat;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

/** The stamp the synthetic capture paints is read back after real lossy H.264 coding by x264 and decoding by ffmpeg. */
class StampsSurviveLossyCodingTest {

    private static void encodeWithX264(Path out, int w, int h, int frames, int crf) throws Exception {
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "rawvideo", "-pix_fmt", "bgr0", "-s", w + "x" + h,
                "-r", "30", "-i", "-", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-crf",
                String.valueOf(crf), "-f", "h264", "-y", out.toString()).redirectErrorStream(true).start();
        TestPattern pattern = new TestPattern(w, h, PixelFormat.BGRX);
        try (Arena arena = Arena.ofConfined(); OutputStream stdin = ffmpeg.getOutputStream()) {
            MemorySegment frame = arena.allocate((long) w * h * 4);
            for (int i = 0; i < frames; i++) {
                pattern.paint(frame, w * 4, i, FrameStamp.now(i));
                stdin.write(frame.toArray(ValueLayout.JAVA_BYTE));
            }
        }
        String log = new String(ffmpeg.getInputStream().readAllBytes());
        assertEquals(0, ffmpeg.waitFor(), log);
    }

    @Test
    void everyCounterReadsBackInOrderAtAModerateQuality(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pattern.h264");
        encodeWithX264(file, 320, 180, 60, 30);
        DecodedVideo video = FfmpegDecoder.decode(file, "h264");
        assertEquals(320, video.width());
        assertEquals(180, video.height());
        StampTrack track = StampTrack.of(video).assertStrictlyIncreasing();
        assertEquals(LongStream.range(0, 60).boxed().toList(), track.counters());
        assertEquals(1, track.largestGap());
    }

    @Test
    void aCoarselyQuantisedStreamStillCarriesItsStamps(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("coarse.h264");
        encodeWithX264(file, 160, 90, 20, 40);
        List<Long> counters = StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertStrictlyIncreasing().counters();
        assertEquals(20, counters.size());
    }

    @Test
    void aReorderedTrackIsReported() {
        byte[] a = lumaWithStamp(5);
        byte[] b = lumaWithStamp(4);
        DecodedVideo video = new DecodedVideo(320, 180, List.of(a, b));
        AssertionError error = assertThrows(AssertionError.class, () -> StampTrack.of(video).assertStrictlyIncreasing());
        assertTrue(error.getMessage().contains("repeated or reordered"));
    }

    @Test
    void aSessionsRepeatIsInOrderWhereGoingBackIsNot() {
        byte[] four = lumaWithStamp(4);
        byte[] five = lumaWithStamp(5);
        DecodedVideo repeated = new DecodedVideo(320, 180, List.of(four, five, five, five));
        assertEquals(List.of(4L, 5L, 5L, 5L), StampTrack.of(repeated).assertInOrder().counters());
        assertThrows(AssertionError.class, () -> StampTrack.of(repeated).assertStrictlyIncreasing());
        DecodedVideo back = new DecodedVideo(320, 180, List.of(five, four));
        AssertionError error = assertThrows(AssertionError.class, () -> StampTrack.of(back).assertInOrder());
        assertTrue(error.getMessage().contains("out of order"));
    }

    private static byte[] lumaWithStamp(long counter) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment i420 = arena.allocate(PixelFormat.I420.frameBytes(320, 180));
            new TestPattern(320, 180, PixelFormat.I420).paint(i420, 320, counter, FrameStamp.now(counter));
            return i420.asSlice(0, 320 * 180).toArray(ValueLayout.JAVA_BYTE);
        }
    }

    @Test
    void garbageIsADecodeErrorNotAnEmptyVideo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("garbage.h264");
        Files.write(file, new byte[] {0, 0, 0, 1, 0x65, 1, 2, 3, 4, 5, 6, 7});
        assertThrows(IOException.class, () -> FfmpegDecoder.decode(file, "h264"));
    }
}
