package io.lumen.encode.libav.impl;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;
import io.lumen.encode.libav.impl.ffm.AvEncoder;
import io.lumen.encode.libav.impl.ffm.AvLayouts;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The NV12 input path the VAAPI encoders take (converted in two bands into a semi-planar frame), exercised with
 * x264, which takes NV12 too, since this machine has no GPU to run VAAPI on.
 */
class Nv12InputTest {

    @Test
    void picturesConvertedIntoNv12DecodeWithEveryCounter(@TempDir Path dir) throws Exception {
        X264Backend x264 = new X264Backend();
        Assumptions.assumeTrue(x264.probe().available(), "libx264 unavailable: " + x264.probe());
        Libav av = Libav.system();
        VideoMode mode = new VideoMode(1280, 720, 60);
        int w = mode.width();
        int h = mode.height();
        TestPattern pattern = new TestPattern(w, h, PixelFormat.BGRX);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined();
             AvEncoder encoder = AvEncoder.open(av, "libx264", w, h, AvLayouts.PIX_FMT_NV12,
                     x264.options(new EncoderConfig(Codec.H264, mode, 5000, 1, false)));
             PictureConverter converter = new PictureConverter(av, w, h, PixelFormat.BGRX, AvLayouts.PIX_FMT_NV12)) {
            MemorySegment pixels = arena.allocate((long) w * h * 4);
            for (int i = 0; i < 12; i++) {
                pattern.paint(pixels, w * 4, i, FrameStamp.now(i));
                converter.convert(new Frame(pixels, PixelFormat.BGRX, w, h, w * 4, i, System.nanoTime(), null),
                        encoder);
                encoder.send(i, i == 0);
                encoder.drain((data, pts, key) -> stream.writeBytes(data.toArray(ValueLayout.JAVA_BYTE)));
            }
        }
        Path file = dir.resolve("nv12.h264");
        Files.write(file, stream.toByteArray());
        assertEquals(LongStream.range(0, 12).boxed().toList(),
                StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertStrictlyIncreasing().counters());
    }
}
