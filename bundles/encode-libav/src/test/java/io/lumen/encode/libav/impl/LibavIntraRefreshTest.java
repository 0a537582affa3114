package io.lumen.encode.libav.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnit.Recovery;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;
import io.lumen.encoding.H264Heading;
import io.lumen.testkit.AnnexB;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Intra refresh through libavcodec's x264, judged by the real ffmpeg: waves instead of keyframes, and a client that
 * lost pictures resuming at the wave {@link EncoderSession#refreshIntra()} marked, as a stock Moonlight client does
 * (it drops every picture after a loss until one whose frame type says it heals, then decodes on).
 */
class LibavIntraRefreshTest {

    private static final VideoMode MODE = new VideoMode(640, 360, 60);
    private static final int PERIOD = 30;

    /** One access unit as the encoder handed it out. */
    record Unit(long frame, boolean keyframe, Recovery recovery, byte[] data) {
    }

    @FunctionalInterface
    interface BeforeFrame {
        void accept(int frame, EncoderSession session);
    }

    private static void assumeAvailable(LibavEncoderBackend backend) {
        Assumptions.assumeTrue(backend.probe().available(), backend.id() + " cannot run here: " + backend.probe());
    }

    private static List<Unit> encode(LibavEncoderBackend backend, EncoderConfig config, int frames, BeforeFrame before)
            throws BackendException {
        TestPattern pattern = new TestPattern(MODE.width(), MODE.height(), PixelFormat.BGRX);
        int stride = TestPattern.minimumStride(MODE.width(), PixelFormat.BGRX);
        List<Unit> units = new ArrayList<>();
        try (Arena arena = Arena.ofConfined(); EncoderSession session = backend.open(config)) {
            MemorySegment pixels = arena.allocate(PixelFormat.BGRX.frameBytes(stride, MODE.height()));
            for (int i = 0; i < frames; i++) {
                before.accept(i, session);
                pattern.paint(pixels, stride, i, FrameStamp.now(i));
                session.encode(new Frame(pixels, PixelFormat.BGRX, MODE.width(), MODE.height(), stride, i,
                        System.nanoTime(), null), unit -> units.add(new Unit(unit.frameNumber(), unit.keyframe(),
                        unit.recovery(), unit.data().toArray(ValueLayout.JAVA_BYTE))));
            }
        }
        assertEquals(frames, units.size(), "one access unit per frame");
        return units;
    }

    private static EncoderConfig config(Codec codec, int intraRefreshFrames) {
        return new EncoderConfig(codec, MODE, 3000, 1, false, intraRefreshFrames);
    }

    private static byte[] concat(List<Unit> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        units.forEach(u -> out.writeBytes(u.data()));
        return out.toByteArray();
    }

    private static DecodedVideo decode(List<Unit> units, Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, concat(units));
        return FfmpegDecoder.decode(file, "h264");
    }

    /** The pictures ffmpeg's own H.264 parser calls random access points (an IDR, or a recovery point SEI). */
    private static List<Long> parserKeyPackets(List<Unit> units, Path dir) throws Exception {
        Path file = dir.resolve("parsed.h264");
        Files.write(file, concat(units));
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-f", "h264", "-show_entries", "packet=flags",
                "-of", "csv=p=0", file.toString()).start();
        List<String> flags = new String(probe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines()
                .toList();
        assertEquals(units.size(), flags.size(), "ffprobe sees one packet per access unit");
        return IntStream.range(0, flags.size()).filter(i -> flags.get(i).startsWith("K")).mapToLong(i -> i).boxed()
                .toList();
    }

    private static boolean recoveryPoint(Unit unit) {
        return H264Heading.of(MemorySegment.ofArray(unit.data())).recoveryPoint();
    }

    @Test
    void wavesReplaceKeyframesAndARequestedKeyframeIsStillAnIdr(@TempDir Path dir) throws Exception {
        X264Backend x264 = new X264Backend();
        assumeAvailable(x264);
        int requested = 100;
        List<Unit> units = encode(x264, config(Codec.H264, PERIOD), 160, (i, s) -> {
            if (i == requested) {
                s.requestKeyframe();
            }
        });
        for (Unit unit : units) {
            boolean idr = unit.frame() == 0 || unit.frame() == requested;
            assertEquals(idr, unit.keyframe(), "keyframe flag of picture " + unit.frame());
            assertEquals(idr, AnnexB.isH264Idr(unit.data()), "IDR slice in picture " + unit.frame());
            assertEquals(Recovery.NONE, unit.recovery(), "no heal asked, none marked");
        }
        List<Long> waves = units.stream().filter(LibavIntraRefreshTest::recoveryPoint).map(Unit::frame).toList();
        assertEquals(List.of(30L, 60L, 90L), waves.stream().filter(f -> f < requested).toList(),
                "a wave starts every period after the first picture");
        assertTrue(waves.stream().anyMatch(f -> f > requested && f <= requested + PERIOD),
                "the waves go on after a requested IDR: " + waves);
        List<Long> keys = new ArrayList<>(waves);
        keys.add(0L);
        keys.add((long) requested);
        assertEquals(keys.stream().sorted().toList(), parserKeyPackets(units, dir),
                "ffmpeg's parser finds the same recovery points and IDRs");
        assertEquals(LongStream.range(0, 160).boxed().toList(),
                StampTrack.of(decode(units, dir, "waves.h264")).assertStrictlyIncreasing().counters());
    }

    /**
     * Frames {@code lost} to {@code lost + count - 1} never reach the client; its loss report reaches the host two
     * frames later, which calls refreshIntra. The client gets every unit before the loss and, after it, those from
     * the picture marked as healing on.
     */
    @ParameterizedTest(name = "{1} frames lost from frame {0}")
    @CsvSource({"37, 1", "58, 3", "89, 1"})
    void aLossHealsAtTheMarkedWaveWithinOnePeriodWithoutAnIdr(int lost, int count, @TempDir Path dir)
            throws Exception {
        X264Backend x264 = new X264Backend();
        assumeAvailable(x264);
        int frames = 150;
        int reported = lost + count + 2;
        boolean[] refreshed = new boolean[1];
        List<Unit> units = encode(x264, config(Codec.H264, PERIOD), frames, (i, s) -> {
            if (i == reported) {
                refreshed[0] = s.refreshIntra();
            }
        });
        assertTrue(refreshed[0], "x264 with intra refresh heals in waves");
        List<Unit> marked = units.stream().filter(u -> u.recovery() == Recovery.INTRA_REFRESH).toList();
        assertEquals(1, marked.size(), "one picture says it heals: " + marked.stream().map(Unit::frame).toList());
        long heal = marked.getFirst().frame();
        assertTrue(heal >= reported && heal < reported + PERIOD, "the marked picture " + heal
                + " comes within one period of the request at " + reported);
        assertTrue(recoveryPoint(marked.getFirst()), "the marked picture starts a wave");
        assertTrue(units.stream().skip(1).noneMatch(u -> u.keyframe() || AnnexB.isH264Idr(u.data())),
                "no IDR after the first picture");

        List<Unit> received = new ArrayList<>(units.subList(0, lost));
        received.addAll(units.subList((int) heal, frames));
        DecodedVideo client = decode(received, dir, "client.h264");
        DecodedVideo whole = decode(units, dir, "whole.h264");
        long whole_ = heal + PERIOD - 1; // x264's recovery point: the picture is whole at the wave's last picture
        int healed = (int) (frames - whole_);
        assertTrue(client.count() >= healed, "ffmpeg returned " + client.count() + " pictures");
        List<byte[]> tail = client.frames().subList(client.count() - healed, client.count());
        StampTrack stamps = StampTrack.of(new DecodedVideo(client.width(), client.height(), tail));
        assertEquals(LongStream.range(whole_, frames).boxed().toList(), stamps.assertStrictlyIncreasing().counters(),
                "from the end of the marked wave every stamp reads right");
        for (int i = 0; i < healed; i++) {
            assertArrayEquals(whole.frames().get((int) whole_ + i), tail.get(i), "picture " + (whole_ + i)
                    + " decodes as in the stream that lost nothing");
        }
    }

    @Test
    void aSecondHealWaitsForItsOwnWaveAndAKeyframeSettlesAPendingOne() throws Exception {
        X264Backend x264 = new X264Backend();
        assumeAvailable(x264);
        List<Unit> units = encode(x264, config(Codec.H264, PERIOD), 130, (i, s) -> {
            if (i == 35 || i == 70) {
                assertTrue(s.refreshIntra());
            }
            if (i == 100) {
                assertTrue(s.refreshIntra());
                s.requestKeyframe();
            }
        });
        assertEquals(List.of(60L, 90L), units.stream().filter(u -> u.recovery() == Recovery.INTRA_REFRESH)
                .map(Unit::frame).toList(), "each heal at the next wave; the IDR at 100 heals the third");
        assertTrue(units.get(100).keyframe());
    }

    /** Streams opened without intra refresh, and x265 (whose waves do not heal, README), keep today's keyframes. */
    @ParameterizedTest(name = "{0} with intra refresh {1}")
    @CsvSource({"x264, 0", "x265, 0", "x265, 30"})
    void withoutWavesRefreshIntraIsFalseAndNothingChanges(String name, int intraRefresh) throws Exception {
        LibavEncoderBackend backend = name.equals("x264") ? new X264Backend() : new X265Backend();
        assumeAvailable(backend);
        Codec codec = backend.codecs().iterator().next();
        boolean[] refreshed = {true};
        List<Unit> units = encode(backend, config(codec, intraRefresh), 70, (i, s) -> {
            if (i == 10) {
                refreshed[0] = s.refreshIntra();
            }
        });
        assertFalse(refreshed[0], backend.id() + " cannot heal in waves here");
        for (Unit unit : units) {
            assertEquals(unit.frame() == 0, unit.keyframe(), "keyframe flag of picture " + unit.frame());
            assertEquals(Recovery.NONE, unit.recovery());
            List<Integer> types = codec == Codec.HEVC ? AnnexB.hevcTypes(unit.data()) : AnnexB.h264Types(unit.data());
            int parameterSet = codec == Codec.HEVC ? 33 : AnnexB.H264_SPS;
            assertEquals(unit.frame() == 0, types.contains(parameterSet), "parameter sets only before the first"
                    + " picture (no wave starts): picture " + unit.frame() + " " + types);
            if (codec == Codec.H264) {
                assertFalse(recoveryPoint(unit), "no recovery point SEI in picture " + unit.frame());
            }
        }
    }
}
