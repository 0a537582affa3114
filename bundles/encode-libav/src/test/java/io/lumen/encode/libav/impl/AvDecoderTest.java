package io.lumen.encode.libav.impl;

import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.StampCodec;
import io.lumen.encode.libav.impl.LibavEncoderTest.Clip;
import io.lumen.encode.libav.impl.ffm.AvDecoder;
import io.lumen.encode.libav.impl.ffm.AvException;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.testkit.DecodedVideo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The FFM decoder lumen-client uses, against the encoders of this bundle and the ffmpeg CLI: one picture out per
 * access unit in, at once, each with its stamp, and luma identical to what ffmpeg decodes from the same stream.
 */
class AvDecoderTest {

    static Stream<LibavEncoderBackend> encoders() {
        return Stream.of(new X264Backend(), new X265Backend());
    }

    private static final VideoMode MODE = new VideoMode(640, 360, 60);

    @ParameterizedTest
    @MethodSource("encoders")
    void decodesEveryAccessUnitAtOnceWithItsStampAndFfmpegsLuma(LibavEncoderBackend encoder, @TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(encoder.probe().available(), encoder.id() + " cannot run here: " + encoder.probe());
        Codec codec = encoder.codecs().iterator().next();
        Clip clip = LibavEncoderTest.encode(encoder, MODE, PixelFormat.BGRX, 20, 4000, (i, s) -> { });
        List<byte[]> lumas = new ArrayList<>();
        List<Long> counters = new ArrayList<>();
        try (AvDecoder decoder = AvDecoder.open(Libav.system(), codec == Codec.HEVC ? "hevc" : "h264")) {
            for (int i = 0; i < clip.units().size(); i++) {
                int pictures = decoder.decode(clip.units().get(i), i, picture -> {
                    assertEquals(MODE.width(), picture.width());
                    assertEquals(MODE.height(), picture.height());
                    assertEquals(0, picture.pixelFormat(), "yuv420p");
                    lumas.add(luma(picture));
                    counters.add(StampCodec.read(picture.plane(0), 0, picture.linesize(0), picture.width(),
                            picture.height()).map(FrameStamp::counter).orElse(-1L));
                });
                assertEquals(1, pictures, "access unit " + i + " comes out as its picture, not later");
            }
        }
        assertEquals(LongStream.range(0, 20).boxed().toList(), counters);
        DecodedVideo ffmpeg = LibavEncoderTest.decode(codec, clip.stream(0), dir, "clip");
        assertEquals(lumas.size(), ffmpeg.count());
        for (int i = 0; i < lumas.size(); i++) {
            assertArrayEquals(ffmpeg.frames().get(i), lumas.get(i), "luma of picture " + i);
        }
    }

    @Test
    void garbageIsAnErrorAndTheDecoderGoesOnAtTheNextKeyframe() throws Exception {
        X264Backend encoder = new X264Backend();
        Assumptions.assumeTrue(encoder.probe().available(), "libav-x264 cannot run here: " + encoder.probe());
        Clip clip = LibavEncoderTest.encode(encoder, MODE, PixelFormat.BGRX, 3, 4000, (i, s) -> { });
        try (AvDecoder decoder = AvDecoder.open(Libav.system(), "h264")) {
            byte[] garbage = new byte[5000];
            Arrays.fill(garbage, (byte) 0x5a);
            garbage[0] = 0;
            garbage[1] = 0;
            garbage[2] = 1;
            garbage[3] = 0x65; // an IDR slice header made of nonsense
            AvException damaged = assertThrows(AvException.class, () -> decoder.decode(garbage, 0, p -> { }));
            assertEquals(true, damaged.getMessage().contains("avcodec_send_packet"), damaged.getMessage());
            assertEquals(1, decoder.decode(clip.units().get(0), 1, p -> { }), "the first IDR decodes");
            assertEquals(1, decoder.decode(clip.units().get(1), 2, p -> { }));
        }
    }

    @Test
    void aMissingDecoderIsNamed() {
        Assumptions.assumeTrue(Libav.system().isAvailable(), "no libav: " + Libav.system().unavailableReason());
        AvException missing = assertThrows(AvException.class, () -> AvDecoder.open(Libav.system(), "nosuch"));
        assertEquals("this libavcodec has no decoder nosuch", missing.getMessage());
    }

    private static byte[] luma(AvDecoder.Picture picture) {
        byte[] plane = new byte[picture.width() * picture.height()];
        MemorySegment source = picture.plane(0);
        for (int row = 0; row < picture.height(); row++) {
            MemorySegment.copy(source, ValueLayout.JAVA_BYTE, (long) row * picture.linesize(0), plane,
                    row * picture.width(), picture.width());
        }
        return plane;
    }
}
