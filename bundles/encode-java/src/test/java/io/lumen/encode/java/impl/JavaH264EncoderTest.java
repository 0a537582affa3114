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
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

/** The pure-Java encoder's output, judged by the real ffmpeg decoder. */
class JavaH264EncoderTest {

    private final JavaH264EncoderBackend backend = new JavaH264EncoderBackend();

    /** Encoded pictures of a clip: their bytes and keyframe flags, in order. */
    private record Clip(List<byte[]> units, List<Boolean> keyframes, List<byte[]> sourceLuma) {
        byte[] stream(int from) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            units.subList(from, units.size()).forEach(out::writeBytes);
            return out.toByteArray();
        }

        int bytes() {
            return units.stream().mapToInt(u -> u.length).sum();
        }
    }

    private Clip encode(int w, int h, PixelFormat format, int frames, int kbps, Set<Integer> keyframeRequests)
            throws BackendException {
        TestPattern pattern = new TestPattern(w, h, format);
        int stride = TestPattern.minimumStride(w, format);
        List<byte[]> units = new ArrayList<>();
        List<Boolean> keyframes = new ArrayList<>();
        List<byte[]> luma = new ArrayList<>();
        try (Arena arena = Arena.ofConfined();
             EncoderSession session = backend.open(new EncoderConfig(Codec.H264, new VideoMode(w, h, 30), kbps, 1, false))) {
            MemorySegment pixels = arena.allocate(format.frameBytes(stride, h));
            for (int i = 0; i < frames; i++) {
                if (keyframeRequests.contains(i)) {
                    session.requestKeyframe();
                }
                pattern.paint(pixels, stride, i, FrameStamp.now(i));
                if (format == PixelFormat.I420) {
                    luma.add(pixels.asSlice(0, (long) w * h).toArray(ValueLayout.JAVA_BYTE));
                }
                List<AccessUnit> out = new ArrayList<>();
                session.encode(new Frame(pixels, format, w, h, stride, i, System.nanoTime(), null), unit -> {
                    units.add(unit.data().toArray(ValueLayout.JAVA_BYTE));
                    keyframes.add(unit.keyframe());
                    out.add(unit);
                });
                assertEquals(1, out.size(), "one access unit per frame");
                assertEquals(i, out.getFirst().frameNumber());
            }
        }
        return new Clip(units, keyframes, luma);
    }

    private static DecodedVideo decode(byte[] stream, Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, stream);
        return FfmpegDecoder.decode(file, "h264");
    }

    @Test
    void keyframesComeFirstAndExactlyWhenRequestedAndEveryStampReadsBack(@TempDir Path dir) throws Exception {
        Clip clip = encode(320, 180, PixelFormat.BGRX, 30, 2000, Set.of(15));
        for (int i = 0; i < clip.units.size(); i++) {
            boolean expectIdr = i == 0 || i == 15;
            assertEquals(expectIdr, clip.keyframes.get(i), "keyframe flag of picture " + i);
            assertEquals(expectIdr, AnnexB.isH264Idr(clip.units.get(i)), "IDR slice in picture " + i);
        }
        List<Integer> idrTypes = AnnexB.h264Types(clip.units.get(15));
        assertTrue(idrTypes.indexOf(AnnexB.H264_SPS) >= 0 && idrTypes.indexOf(AnnexB.H264_SPS) < idrTypes.indexOf(AnnexB.H264_IDR)
                && idrTypes.indexOf(AnnexB.H264_PPS) < idrTypes.indexOf(AnnexB.H264_IDR), "SPS and PPS precede each IDR: " + idrTypes);
        DecodedVideo video = decode(clip.stream(0), dir, "all.h264");
        assertEquals(30, video.count());
        assertEquals(LongStream.range(0, 30).boxed().toList(), StampTrack.of(video).assertStrictlyIncreasing().counters());
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=profile", "-of", "csv=p=0", "-f", "h264", dir.resolve("all.h264").toString()).start();
        String profile = new String(probe.getInputStream().readAllBytes()).strip();
        assertEquals(new JavaH264EncoderBackend().profiles(), List.of("H264 " + profile),
                "the profile the backend reports is the one ffprobe reads");
        DecodedVideo fromMiddle = decode(clip.stream(15), dir, "tail.h264");
        assertEquals(LongStream.range(15, 30).boxed().toList(), StampTrack.of(fromMiddle).assertStrictlyIncreasing().counters(),
                "a decoder can join at the requested keyframe");
    }

    @Test
    void sizesThatAreNotWholeMacroblocksDecodeAtTheirExactSize(@TempDir Path dir) throws Exception {
        for (int[] size : new int[][] {{322, 182}, {1920, 1080}}) {
            Clip clip = encode(size[0], size[1], PixelFormat.RGBX, 3, 8000, Set.of());
            DecodedVideo video = decode(clip.stream(0), dir, size[0] + ".h264");
            assertEquals(size[0], video.width());
            assertEquals(size[1], video.height());
            assertEquals(3, video.count());
            StampTrack.of(video).assertStrictlyIncreasing();
        }
    }

    @Test
    void aLongRunOfPredictedPicturesPastTheFrameNumberWrapDecodes(@TempDir Path dir) throws Exception {
        int frames = JavaH264Session.FRAME_NUM_PERIOD * 2 + 10;
        Clip clip = encode(96, 64, PixelFormat.BGRX, frames, 500, Set.of());
        assertEquals(1, clip.keyframes.stream().filter(k -> k).count(), "no periodic keyframes");
        DecodedVideo video = decode(clip.stream(0), dir, "long.h264");
        assertEquals(frames, video.count());
        assertEquals(frames, StampTrack.of(video).assertStrictlyIncreasing().counters().size());
    }

    @Test
    void thePictureSurvivesWithGoodFidelity(@TempDir Path dir) throws Exception {
        Clip clip = encode(320, 180, PixelFormat.I420, 10, 4000, Set.of());
        DecodedVideo video = decode(clip.stream(0), dir, "psnr.h264");
        for (int i = 0; i < video.count(); i++) {
            double psnr = psnr(clip.sourceLuma.get(i), video.frames().get(i));
            assertTrue(psnr > 30, "luma PSNR of picture " + i + " is " + psnr + " dB");
        }
    }

    /**
     * JCodec codes every P macroblock (it has no skip mode), so predicted pictures of this flat pattern cost about
     * the same at any QP, and even intra pictures of flat bars shrink only by about a third (measured: 0.66).
     */
    @Test
    void aLowerBitrateMakesSmallerPictures() throws Exception {
        Set<Integer> allIntra = java.util.stream.IntStream.range(0, 12).boxed().collect(java.util.stream.Collectors.toSet());
        Clip generous = encode(640, 360, PixelFormat.BGRX, 12, 20000, allIntra);
        Clip tight = encode(640, 360, PixelFormat.BGRX, 12, 500, allIntra);
        assertTrue(tight.bytes() < generous.bytes() * 0.75, "500 kbps gave " + tight.bytes() + " bytes, 20000 kbps " + generous.bytes());
    }

    @Test
    void setBitrateSteersTheNextPictures() throws Exception {
        try (Arena arena = Arena.ofConfined();
             JavaH264Session session = (JavaH264Session) backend.open(new EncoderConfig(Codec.H264, new VideoMode(160, 90, 30), 5000, 1, false))) {
            TestPattern pattern = new TestPattern(160, 90, PixelFormat.BGRX);
            MemorySegment pixels = arena.allocate(160 * 90 * 4);
            for (int i = 0; i < 10; i++) {
                pattern.paint(pixels, 640, i, FrameStamp.now(i));
                session.encode(new Frame(pixels, PixelFormat.BGRX, 160, 90, 640, i, 0, null), u -> { });
            }
            int before = session.qp();
            session.setBitrate(50);
            for (int i = 10; i < 20; i++) {
                pattern.paint(pixels, 640, i, FrameStamp.now(i));
                session.encode(new Frame(pixels, PixelFormat.BGRX, 160, 90, 640, i, 0, null), u -> { });
            }
            assertTrue(session.qp() > before, "a lower bitrate raises the QP: " + before + " -> " + session.qp());
            assertThrows(IllegalArgumentException.class, () -> session.setBitrate(0));
        }
    }

    @Test
    void whatItCannotDoIsAClearError() {
        BackendException hevc = assertThrows(BackendException.class,
                () -> backend.open(new EncoderConfig(Codec.HEVC, new VideoMode(320, 180, 30), 1000, 1, false)));
        assertTrue(hevc.getMessage().contains("H264 only"));
        assertThrows(BackendException.class,
                () -> backend.open(new EncoderConfig(Codec.H264, new VideoMode(320, 180, 30), 1000, 1, true)));
        assertTrue(backend.probe().available());
        assertEquals(Set.of(Codec.H264), backend.codecs());
    }

    private static double psnr(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            sum += d * d;
        }
        double mse = sum / a.length;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
