package io.lumen.encode.x264.impl;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.Letterbox;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.testkit.AnnexB;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The x264 backend's picture, judged by the real ffmpeg decoder: the same as libav-x264's. */
class X264EncoderTest {

    private final X264Backend backend = new X264Backend();

    @BeforeEach
    void needsX264() {
        Assumptions.assumeTrue(backend.probe().available(), "x264 cannot run here: " + backend.probe());
    }

    private static String ffprobe(Path file, String entry) throws Exception {
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=" + entry, "-of", "csv=p=0", "-f", "h264", file.toString()).start();
        return new String(probe.getInputStream().readAllBytes()).strip();
    }

    @Test
    void a720pStreamDecodesWithEveryStampAndTheProfileItNames(@TempDir Path dir) throws Exception {
        VideoMode mode = new VideoMode(1280, 720, 60);
        X264Clip clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, mode, 10_000, 1, false), 30,
                (i, s) -> { });
        assertEquals(LongStream.range(0, 30).boxed().toList(), clip.units().stream().map(X264Clip.Unit::number)
                .toList(), "access units numbered as encoded, from 0");
        assertTrue(clip.units().stream().allMatch(u -> u.recovery() == AccessUnit.Recovery.NONE));
        DecodedVideo video = X264Clip.decode(clip.stream(n -> true), dir, "720p.h264");
        assertEquals(1280, video.width());
        assertEquals(720, video.height());
        assertEquals(LongStream.range(0, 30).boxed().toList(), StampTrack.of(video).assertStrictlyIncreasing()
                .counters());
        Path file = dir.resolve("720p.h264");
        assertTrue(backend.profiles().contains("H264 " + ffprobe(file, "profile")),
                backend.profiles() + " vs " + ffprobe(file, "profile"));        assertEquals("unknown,unknown,unknown,unknown", ffprobe(file,
                "color_range,color_space,color_transfer,color_primaries"),
                "no colour description, as libav-x264 (libavcodec's wrapper with nothing set) writes none");
    }

    @Test
    void aRequestedKeyframeIsTheNextPictureWithItsParameterSets(@TempDir Path dir) throws Exception {
        X264Clip clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, new VideoMode(640, 360, 60), 3000, 1,
                false), PixelFormat.I420, 640, 360, 40, (i, s) -> {
                    if (i == 25) {
                        s.requestKeyframe();
                    }
                });
        for (int i = 0; i < 40; i++) {
            boolean expected = i == 0 || i == 25;
            assertEquals(expected, clip.unit(i).keyframe(), "keyframe flag of picture " + i);
            assertEquals(expected, AnnexB.isH264Idr(clip.unit(i).bytes()), "IDR slice in picture " + i);
        }
        DecodedVideo tail = X264Clip.decode(clip.stream(n -> n >= 25), dir, "tail.h264");
        assertEquals(LongStream.range(25, 40).boxed().toList(), StampTrack.of(tail).assertStrictlyIncreasing()
                .counters(), "a decoder joins at the requested keyframe");
    }

    @Test
    void tenBitDecodesWithEveryStamp(@TempDir Path dir) throws Exception {
        X264Clip clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, new VideoMode(640, 360, 60), 5000, 1,
                true), 10, (i, s) -> { });
        Path file = dir.resolve("ten.h264");
        Files.write(file, clip.stream(n -> true));
        assertEquals("yuv420p10le", ffprobe(file, "pix_fmt"));
        assertTrue(backend.profiles().contains("H264 " + ffprobe(file, "profile")), ffprobe(file, "profile"));
        assertEquals(LongStream.range(0, 10).boxed().toList(), StampTrack.of(X264Clip.decode(clip.stream(n -> true),
                dir, "ten8.h264")).assertStrictlyIncreasing().counters());
    }

    @Test
    void aLargerCaptureIsScaledIntoTheSessionsSize(@TempDir Path dir) throws Exception {
        VideoMode mode = new VideoMode(1280, 720, 60);
        X264Clip clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, mode, 8000, 1, false),
                PixelFormat.BGRX, 1920, 1200, 12, (i, s) -> { });
        DecodedVideo video = X264Clip.decode(clip.stream(n -> true), dir, "scaled.h264");
        assertEquals(1280, video.width());
        Letterbox box = Letterbox.of(1920, 1200, 1280, 720);
        assertEquals(LongStream.range(0, 12).boxed().toList(), StampTrack.ofFitted(video, 1920, 1200, box.left(),
                box.top(), box.width(), box.height()).assertStrictlyIncreasing().counters());
    }

    @Test
    void holdsTheRateAndFollowsAChange() throws Exception {
        VideoMode mode = new VideoMode(640, 360, 30);
        int kbps = 800;
        java.util.Random random = new java.util.Random(7);
        X264Clip clip = X264Clip.encode(backend, new EncoderConfig(Codec.H264, mode, kbps, 1, false), 300, (i, s) -> {
            if (i == 180) {
                s.setBitrate(kbps / 2);
            }
        }, random);
        double first = clip.units().subList(0, 180).stream().mapToLong(u -> u.bytes().length).sum() * 8 / 6.0 / 1000;
        double last = clip.units().subList(210, 300).stream().mapToLong(u -> u.bytes().length).sum() * 8 / 3.0 / 1000;
        assertTrue(Math.abs(first - kbps) <= kbps * 0.15, first + " kbps over 6 s for " + kbps);
        assertTrue(Math.abs(last - kbps / 2.0) <= kbps / 2.0 * 0.15, last + " kbps after lowering to " + kbps / 2);
    }
}
