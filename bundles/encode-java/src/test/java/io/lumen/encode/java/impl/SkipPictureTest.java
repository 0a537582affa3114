package io.lumen.encode.java.impl;

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
import io.lumen.testkit.AnnexB;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The encoder's idle repeat (an all-skip P picture), judged by the real ffmpeg decoder. */
class SkipPictureTest {

    /** A session on a moving test pattern, writing everything it sends to one Annex-B stream. */
    private static final class Stream implements AutoCloseable {
        final Arena arena = Arena.ofConfined();
        final EncoderSession session;
        final TestPattern pattern;
        final MemorySegment pixels;
        final int width;
        final int height;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<AccessUnit> units = new ArrayList<>();
        final List<Integer> sizes = new ArrayList<>();
        int painted;

        Stream(int width, int height, int kbps) throws BackendException {
            this.width = width;
            this.height = height;
            this.session = new JavaH264EncoderBackend().open(new EncoderConfig(Codec.H264, new VideoMode(width, height, 60),
                    kbps, 1, false));
            this.pattern = new TestPattern(width, height, PixelFormat.BGRX);
            this.pixels = arena.allocate((long) width * height * 4);
        }

        private void keep(AccessUnit unit) {
            byte[] data = unit.data().toArray(ValueLayout.JAVA_BYTE);
            bytes.writeBytes(data);
            sizes.add(data.length);
            units.add(unit);
        }

        /** Encodes the next picture of the pattern; {@code same}: the last one again, unchanged. */
        void encode(boolean same) throws BackendException {
            if (!same) {
                pattern.paint(pixels, width * 4, painted, FrameStamp.now(painted));
                painted++;
            }
            session.encode(new Frame(pixels, PixelFormat.BGRX, width, height, width * 4, painted - 1, 0, null), this::keep);
        }

        boolean repeat(long nanos) throws BackendException {
            return session.repeatLast(nanos, this::keep);
        }

        DecodedVideo decode(Path dir) throws Exception {
            Path file = dir.resolve("stream.h264");
            Files.write(file, bytes.toByteArray());
            return FfmpegDecoder.decode(file, "h264");
        }

        @Override
        public void close() {
            session.close();
            arena.close();
        }
    }

    @Test
    void repeatsDecodeAsTheLastPictureAgainAndTheStreamGoesOn(@TempDir Path dir) throws Exception {
        try (Stream stream = new Stream(320, 180, 2000)) {
            assertFalse(stream.repeat(1), "nothing to repeat before the first picture");
            for (int i = 0; i < 5; i++) {
                stream.encode(false);
            }
            // more repeats than frame_num counts before it wraps
            int repeats = JavaH264Session.FRAME_NUM_PERIOD + 20;
            for (int i = 0; i < repeats; i++) {
                assertTrue(stream.repeat(1_000 + i));
            }
            AccessUnit skip = stream.units.getLast();
            assertFalse(skip.keyframe());
            assertEquals(1_000 + repeats - 1, skip.captureNanos(), "a repeat carries the time it was sent");
            assertEquals(List.of(1), AnnexB.h264Types(skip.data().toArray(ValueLayout.JAVA_BYTE)));
            for (int i = 0; i < 5; i++) {
                stream.encode(false);
            }
            DecodedVideo video = stream.decode(dir);
            assertEquals(5 + repeats + 5, video.count(), "every repeat is a picture");
            List<Long> counters = StampTrack.of(video).counters();
            assertEquals(5 + repeats + 5, counters.size(), "every picture reads back: " + counters);
            for (int i = 5; i < 5 + repeats; i++) {
                assertArrayEquals(video.frames().get(4), video.frames().get(i), "repeat " + (i - 5) + " is the last picture, bit for bit");
            }
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L), counters.subList(5 + repeats, counters.size()), "after the repeats the stream goes on");
        }
    }

    @Test
    void aKeyframeRequestIsNotAnsweredWithASkip() throws Exception {
        try (Stream stream = new Stream(160, 96, 1000)) {
            stream.encode(false);
            stream.session.requestKeyframe();
            assertFalse(stream.repeat(1), "a keyframe is due: the caller encodes the frame again");
            stream.encode(true);
            assertTrue(stream.units.getLast().keyframe());
            assertTrue(stream.repeat(2), "skips again after the keyframe");
        }
    }

    @Test
    void aSkipIsAFewBytesWhereEncodingTheSamePictureAgainIsNot(@TempDir Path dir) throws Exception {
        try (Stream stream = new Stream(1280, 720, 8000)) {
            stream.encode(false);
            stream.encode(false);
            stream.encode(true);
            int reencoded = stream.sizes.getLast();
            assertTrue(stream.repeat(1));
            int skipped = stream.sizes.getLast();
            assertTrue(skipped < 32, "an all-skip 1280x720 picture is " + skipped + " bytes");
            assertTrue(skipped * 100 < reencoded, "skip " + skipped + " bytes, the same picture encoded again " + reencoded);
            DecodedVideo video = stream.decode(dir);
            assertEquals(4, video.count());
            assertTrue(Arrays.equals(video.frames().get(3), video.frames().get(2)));
        }
    }
}
