package io.lumen.itest.encoder.ipcm;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
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
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

class IpcmEncoderTest {

    @Test
    void ffmpegDecodesEveryPictureAtItsSizeWithTheSamplesWeWrote(@TempDir Path dir) throws Exception {
        int w = 322, h = 182, frames = 6;
        TestPattern pattern = new TestPattern(w, h, PixelFormat.BGRX);
        TestPattern reference = new TestPattern(w, h, PixelFormat.I420);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<byte[]> expectedLuma = new ArrayList<>();
        try (Arena arena = Arena.ofConfined();
             EncoderSession session = new IpcmEncoderBackend().open(new EncoderConfig(Codec.H264, new VideoMode(w, h, 30), 1000, 1, false))) {
            MemorySegment bgrx = arena.allocate((long) w * h * 4);
            MemorySegment i420 = arena.allocate(PixelFormat.I420.frameBytes(w, h));
            for (int i = 0; i < frames; i++) {
                FrameStamp stamp = new FrameStamp(i, 1000 + i);
                pattern.paint(bgrx, w * 4, i, stamp);
                reference.paint(i420, w, i, stamp);
                expectedLuma.add(i420.asSlice(0, (long) w * h).toArray(ValueLayout.JAVA_BYTE));
                session.encode(new Frame(bgrx, PixelFormat.BGRX, w, h, w * 4, i, 0, null), unit -> {
                    assertTrue(unit.keyframe());
                    byte[] bytes = unit.data().toArray(ValueLayout.JAVA_BYTE);
                    assertEquals(List.of(AnnexB.H264_SPS, AnnexB.H264_PPS, AnnexB.H264_IDR), AnnexB.h264Types(bytes));
                    stream.writeBytes(bytes);
                });
            }
        }
        Path file = dir.resolve("ipcm.h264");
        Files.write(file, stream.toByteArray());
        DecodedVideo video = FfmpegDecoder.decode(file, "h264");
        assertEquals(w, video.width());
        assertEquals(h, video.height());
        assertEquals(LongStream.range(0, frames).boxed().toList(), StampTrack.of(video).assertStrictlyIncreasing().counters());
        for (int i = 0; i < frames; i++) {
            assertArrayEquals(expectedLuma.get(i), video.frames().get(i), "I_PCM luma is lossless, picture " + i);
        }
    }
}
