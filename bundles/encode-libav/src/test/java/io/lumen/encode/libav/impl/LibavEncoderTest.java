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
import io.lumen.testkit.AnnexB;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every libav encoder available here, judged by the real ffmpeg decoder. */
class LibavEncoderTest {

    /** Every backend of the bundle; those that cannot run here are skipped with their probe's reason. */
    static Stream<LibavEncoderBackend> backends() {
        return Stream.of(new X264Backend(), new X265Backend(), new NvencH264Backend(), new NvencHevcBackend(),
                new VaapiH264Backend(), new VaapiHevcBackend());
    }

    private static void assumeAvailable(LibavEncoderBackend backend) {
        Assumptions.assumeTrue(backend.probe().available(), backend.id() + " cannot run here: " + backend.probe());
    }

    private static String format(Codec codec) {
        return codec == Codec.HEVC ? "hevc" : "h264";
    }

    /** The profile ffprobe reads from the stream's parameter sets ("High", "Main 10"). */
    private static String profile(Path file, Codec codec) throws Exception {
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=profile", "-of", "csv=p=0", "-f", format(codec), file.toString()).start();
        return new String(probe.getInputStream().readAllBytes()).strip();
    }

    private static boolean isIdr(Codec codec, byte[] unit) {
        return codec == Codec.HEVC ? AnnexB.isHevcIdr(unit) : AnnexB.isH264Idr(unit);
    }

    /** What a clip produced: each access unit's bytes and keyframe flag, in order. */
    record Clip(List<byte[]> units, List<Boolean> keyframes, List<Long> numbers) {
        byte[] stream(int from) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            units.subList(from, units.size()).forEach(out::writeBytes);
            return out.toByteArray();
        }

        long bytes(int from, int to) {
            return units.subList(from, to).stream().mapToLong(u -> u.length).sum();
        }
    }

    static Clip encode(LibavEncoderBackend backend, VideoMode mode, PixelFormat format, int frames, int kbps,
                       IntConsumerWithSession beforeFrame) throws BackendException {
        return encode(backend, mode, format, frames, kbps, beforeFrame, null);
    }

    /** {@code noise}, when given, overwrites the start of each picture (cycling through the arrays). */
    private static Clip encode(LibavEncoderBackend backend, VideoMode mode, PixelFormat format, int frames, int kbps,
                               IntConsumerWithSession beforeFrame, byte[][] noise) throws BackendException {
        return encode(backend, mode, format, frames, kbps, beforeFrame, noise, false);
    }

    private static Clip encode(LibavEncoderBackend backend, VideoMode mode, PixelFormat format, int frames, int kbps,
                               IntConsumerWithSession beforeFrame, byte[][] noise, boolean tenBit)
            throws BackendException {
        Codec codec = backend.codecs().iterator().next();
        TestPattern pattern = new TestPattern(mode.width(), mode.height(), format);
        int stride = TestPattern.minimumStride(mode.width(), format);
        List<byte[]> units = new ArrayList<>();
        List<Boolean> keyframes = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        try (Arena arena = Arena.ofConfined();
             EncoderSession session = backend.open(new EncoderConfig(codec, mode, kbps, 1, tenBit))) {
            MemorySegment pixels = arena.allocate(format.frameBytes(stride, mode.height()));
            for (int i = 0; i < frames; i++) {
                beforeFrame.accept(i, session);
                pattern.paint(pixels, stride, i, FrameStamp.now(i));
                if (noise != null) {
                    MemorySegment.copy(noise[i % noise.length], 0, pixels, ValueLayout.JAVA_BYTE, 0,
                            noise[i % noise.length].length);
                }
                int before = units.size();
                session.encode(new Frame(pixels, format, mode.width(), mode.height(), stride, i, System.nanoTime(),
                        null), (AccessUnit unit) -> {
                    units.add(unit.data().toArray(ValueLayout.JAVA_BYTE));
                    keyframes.add(unit.keyframe());
                    numbers.add(unit.frameNumber());
                });
                assertEquals(before + 1, units.size(), "zero latency: one access unit per frame, at once");
            }
        }
        return new Clip(units, keyframes, numbers);
    }

    /**
     * Pictures of random noise, changing every frame: content that needs more than the target rate, so the rate
     * control is what limits the stream (the test pattern alone is so easy that an encoder undershoots any usual
     * target, which is right for a stream but says nothing about the rate control).
     */
    private static byte[][] noise(VideoMode mode, int count) {
        java.util.Random random = new java.util.Random(42);
        byte[][] pictures = new byte[count][mode.width() * 4 * mode.height()];
        for (byte[] picture : pictures) {
            random.nextBytes(picture);
        }
        return pictures;
    }

    @FunctionalInterface
    interface IntConsumerWithSession {
        void accept(int frame, EncoderSession session);
    }

    static DecodedVideo decode(Codec codec, byte[] stream, Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, stream);
        return FfmpegDecoder.decode(file, format(codec));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void encodes720pAnd1080pThatFfmpegDecodesWithEveryCounter(LibavEncoderBackend backend, @TempDir Path dir)
            throws Exception {
        assumeAvailable(backend);
        Codec codec = backend.codecs().iterator().next();
        for (VideoMode mode : List.of(new VideoMode(1280, 720, 60), new VideoMode(1920, 1080, 60))) {
            Clip clip = encode(backend, mode, PixelFormat.BGRX, 20, 10_000, (i, s) -> { });
            DecodedVideo video = decode(codec, clip.stream(0), dir, mode + "." + format(codec));
            assertEquals(mode.width(), video.width());
            assertEquals(mode.height(), video.height());
            assertEquals(LongStream.range(0, 20).boxed().toList(), StampTrack.of(video).assertStrictlyIncreasing()
                    .counters(), backend.id() + " " + mode);
            assertEquals(LongStream.range(0, 20).boxed().toList(), clip.numbers(), "units carry the frame numbers");
            Path file = dir.resolve(mode + "." + format(codec));
            assertTrue(backend.profiles().contains(codec + " " + profile(file, codec)),
                    backend.id() + " says it makes " + backend.profiles() + "; ffprobe reads " + profile(file, codec));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void tenBitForHdrDecodesWithEveryCounter(LibavEncoderBackend backend, @TempDir Path dir) throws Exception {
        assumeAvailable(backend);
        Codec codec = backend.codecs().iterator().next();
        Clip clip = encode(backend, new VideoMode(640, 360, 60), PixelFormat.BGRX, 10, 5000, (i, s) -> { }, null,
                true);
        Path file = dir.resolve("ten." + format(codec));
        Files.write(file, clip.stream(0));
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=pix_fmt", "-of", "csv=p=0", "-f", format(codec), file.toString()).start();
        assertEquals("yuv420p10le", new String(probe.getInputStream().readAllBytes()).strip(),
                backend.id() + " writes a 10-bit stream");
        assertTrue(backend.profiles().contains(codec + " " + profile(file, codec)),
                backend.id() + " says it makes " + backend.profiles() + "; ffprobe reads " + profile(file, codec));
        assertEquals(LongStream.range(0, 10).boxed().toList(),
                StampTrack.of(FfmpegDecoder.decode(file, format(codec))).assertStrictlyIncreasing().counters());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aRequestedKeyframeIsTheNextPictureAndTheOnlyOtherOneIsTheFirst(LibavEncoderBackend backend,
                                                                       @TempDir Path dir) throws Exception {
        assumeAvailable(backend);
        Codec codec = backend.codecs().iterator().next();
        Clip clip = encode(backend, new VideoMode(640, 360, 60), PixelFormat.I420, 40, 3000, (i, s) -> {
            if (i == 25) {
                s.requestKeyframe();
            }
        });
        for (int i = 0; i < 40; i++) {
            boolean expected = i == 0 || i == 25;
            assertEquals(expected, clip.keyframes().get(i), backend.id() + " keyframe flag of picture " + i);
            assertEquals(expected, isIdr(codec, clip.units().get(i)), backend.id() + " IDR slice in picture " + i
                    + ": " + (codec == Codec.HEVC ? AnnexB.hevcTypes(clip.units().get(i))
                    : AnnexB.h264Types(clip.units().get(i))));
        }
        DecodedVideo tail = decode(codec, clip.stream(25), dir, "tail." + format(codec));
        assertEquals(LongStream.range(25, 40).boxed().toList(), StampTrack.of(tail).assertStrictlyIncreasing()
                .counters(), "a decoder joins at the requested keyframe (parameter sets repeated)");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void holdsTheBitrateOverTenSecondsAndFollowsAChange(LibavEncoderBackend backend) throws Exception {
        assumeAvailable(backend);
        VideoMode mode = new VideoMode(1280, 720, 30);
        int kbps = 1500;
        Clip clip = encode(backend, mode, PixelFormat.BGRX, 450, kbps, (i, s) -> {
            if (i == 300) {
                s.setBitrate(kbps / 2);
            }
        }, noise(mode, 16));
        double firstTen = clip.bytes(0, 300) * 8 / 10.0 / 1000;
        assertTrue(Math.abs(firstTen - kbps) <= kbps * 0.15, backend.id() + ": " + firstTen + " kbps over 10 s for a "
                + kbps + " kbps target");
        double lastFive = clip.bytes(330, 450) * 8 / 4.0 / 1000; // a second to settle, then four seconds
        System.getLogger("lumen.encode.libav.test").log(System.Logger.Level.INFO, backend.id() + ": " + Math.round(firstTen)
                + " kbps over 10 s for " + kbps + ", then " + Math.round(lastFive) + " kbps for " + kbps / 2);
        assertTrue(Math.abs(lastFive - kbps / 2.0) <= kbps / 2.0 * 0.15, backend.id() + ": " + lastFive
                + " kbps after lowering the target to " + kbps / 2);
    }
}
