package io.lumen.encode.libav.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** An idle source's repeats through the libav software encoders, judged by the real ffmpeg decoder. */
class LibavRepeatTest {

    static Stream<LibavEncoderBackend> backends() {
        return Stream.of(new X264Backend(), new X265Backend());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void repeatsResendTheConvertedPictureAndDecodeAsTheLastOne(LibavEncoderBackend backend, @TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(backend.probe().available(), backend.id() + " cannot run here: " + backend.probe());
        Codec codec = backend.codecs().iterator().next();
        VideoMode mode = new VideoMode(640, 360, 60);
        TestPattern pattern = new TestPattern(mode.width(), mode.height(), PixelFormat.BGRX);
        int stride = mode.width() * 4;
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<AccessUnit> units = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (Arena arena = Arena.ofConfined();
             EncoderSession session = backend.open(new EncoderConfig(codec, mode, 4000, 1, false))) {
            MemorySegment pixels = arena.allocate((long) stride * mode.height());
            io.lumen.api.media.AccessUnitSink keep = unit -> {
                byte[] data = unit.data().toArray(ValueLayout.JAVA_BYTE);
                stream.writeBytes(data);
                sizes.add(data.length);
                units.add(unit);
            };
            assertFalse(session.repeatLast(1, keep), "nothing to repeat before the first picture");
            for (int i = 0; i < 4; i++) {
                encode(session, pattern, pixels, stride, mode, i, keep);
            }
            for (int i = 0; i < 6; i++) {
                assertTrue(session.repeatLast(1_000 + i, keep));
            }
            session.requestKeyframe();
            assertFalse(session.repeatLast(2_000, keep), "a keyframe is due: the caller encodes the frame again");
            for (int i = 4; i < 7; i++) {
                encode(session, pattern, pixels, stride, mode, i, keep);
            }
        }
        assertEquals(4 + 6 + 3, units.size(), "one access unit per picture, repeats included");
        for (int i = 4; i < 10; i++) {
            assertFalse(units.get(i).keyframe());
            assertEquals(3, units.get(i).frameNumber(), "a repeat is labelled with the frame it repeats");
            assertEquals(1_000 + i - 4, units.get(i).captureNanos());
        }
        int movingP = sizes.subList(1, 4).stream().mapToInt(Integer::intValue).max().orElseThrow();
        // the first repeat may still refine the picture toward its source (x265 spends nearly a P picture on it);
        // from the second on the encoder finds nothing left to code
        int largestRepeat = sizes.subList(5, 10).stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(largestRepeat * 10 < movingP, "repeats " + sizes.subList(4, 10) + " bytes, moving pictures "
                + sizes.subList(1, 4));
        DecodedVideo video = LibavEncoderTest.decode(codec, stream.toByteArray(), dir, "repeats." + codec);
        assertEquals(List.of(0L, 1L, 2L, 3L, 3L, 3L, 3L, 3L, 3L, 3L, 4L, 5L, 6L), StampTrack.of(video).counters(),
                "the repeats show the last picture, then the stream goes on");
    }

    private static void encode(EncoderSession session, TestPattern pattern, MemorySegment pixels, int stride,
                               VideoMode mode, int i, io.lumen.api.media.AccessUnitSink sink) throws BackendException {
        pattern.paint(pixels, stride, i, FrameStamp.now(i));
        session.encode(new Frame(pixels, PixelFormat.BGRX, mode.width(), mode.height(), stride, i, System.nanoTime(),
                null), sink);
    }
}
