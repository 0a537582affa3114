package io.lumen.encode.libav.impl;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.Letterbox;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;
import io.lumen.encode.libav.impl.ffm.AvEncoder;
import io.lumen.encode.libav.impl.ffm.AvLayouts;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.encoding.PictureConverter;
import io.lumen.encoding.Swscale;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The NV12 input path the VAAPI encoders take (converted in two bands into a semi-planar frame, scaled on the way
 * when the capture has another size), exercised with
 * x264, which takes NV12 too, since this machine has no GPU to run VAAPI on.
 */
class Nv12InputTest {

    /** At the encoder's size, and larger ones scaled in the same pass onto black bars above or beside. */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280, 720", "1920, 1200", "2560, 1080"})
    void picturesConvertedIntoNv12DecodeWithEveryCounter(int sourceWidth, int sourceHeight, @TempDir Path dir)
            throws Exception {
        X264Backend x264 = new X264Backend();
        Assumptions.assumeTrue(x264.probe().available(), "libx264 unavailable: " + x264.probe());
        Libav av = Libav.system();
        VideoMode mode = new VideoMode(1280, 720, 60);
        int w = mode.width();
        int h = mode.height();
        TestPattern pattern = new TestPattern(sourceWidth, sourceHeight, PixelFormat.BGRX);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined();
             AvEncoder encoder = AvEncoder.open(av, "libx264", w, h, AvLayouts.PIX_FMT_NV12,
                     x264.options(new EncoderConfig(Codec.H264, mode, 5000, 1, false)));
             PictureConverter converter = new PictureConverter(Swscale.system(), sourceWidth, sourceHeight, PixelFormat.BGRX, w, h,
                     AvLayouts.PIX_FMT_NV12)) {
            MemorySegment pixels = arena.allocate((long) sourceWidth * sourceHeight * 4);
            for (int i = 0; i < 12; i++) {
                pattern.paint(pixels, sourceWidth * 4, i, FrameStamp.now(i));
                converter.convert(new Frame(pixels, PixelFormat.BGRX, sourceWidth, sourceHeight, sourceWidth * 4, i,
                        System.nanoTime(), null), encoder);
                encoder.send(i, i == 0);
                encoder.drain((data, pts, key) -> stream.writeBytes(data.toArray(ValueLayout.JAVA_BYTE)));
            }
        }
        Path file = dir.resolve("nv12.h264");
        Files.write(file, stream.toByteArray());
        DecodedVideo video = FfmpegDecoder.decode(file, "h264");
        Letterbox box = Letterbox.of(sourceWidth, sourceHeight, w, h);
        assertEquals(LongStream.range(0, 12).boxed().toList(), StampTrack.ofFitted(video, sourceWidth, sourceHeight,
                box.left(), box.top(), box.width(), box.height()).assertStrictlyIncreasing().counters());
        ScaledInputTest.assertBarsBlack(video, box);
    }
}
