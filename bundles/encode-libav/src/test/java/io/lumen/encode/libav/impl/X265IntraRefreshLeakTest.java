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
import io.lumen.encoding.PictureConverter;
import io.lumen.encoding.Swscale;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.testkit.AnnexB;
import io.lumen.testkit.DecodedVideo;
import io.lumen.testkit.FfmpegDecoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Why libav-x265 does not refresh in waves: this system's libx265 (3.5) takes {@code intra-refresh}, but its waves do
 * not heal a client that lost a picture. x265 only forces a column of intra blocks per picture; the motion vectors of
 * the columns already refreshed may still point into the damaged rest of the previous picture (x264 keeps them inside
 * the refreshed area), so damage flows back, and x265 writes no recovery point SEI. Should a later libx265 heal, this
 * test fails and libav-x265 may offer intra refresh as libav-x264 does.
 */
class X265IntraRefreshLeakTest {

    private static final VideoMode MODE = new VideoMode(640, 360, 60);
    private static final int PERIOD = 30;
    private static final int HEVC_VPS = 32;

    @Test
    void aClientResumingAtAWaveStillSeesDamageAfterTheWave(@TempDir Path dir) throws Exception {
        X265Backend x265 = new X265Backend();
        Assumptions.assumeTrue(x265.probe().available(), x265.id() + " cannot run here: " + x265.probe());
        List<byte[]> units = encodeWithWaves(180);
        List<Integer> waves = new ArrayList<>();
        for (int i = 1; i < units.size(); i++) {
            if (AnnexB.hevcTypes(units.get(i)).contains(HEVC_VPS) && !AnnexB.isHevcIdr(units.get(i))) {
                waves.add(i);
            }
        }
        assertEquals(List.of(30, 60, 90, 120, 150), waves, "x265 starts a wave every period (parameter sets repeated)");

        int lost = 37;
        int resume = 60; // the next wave's first picture, where a client would resume
        List<byte[]> received = new ArrayList<>(units.subList(0, lost));
        received.addAll(units.subList(resume, units.size()));
        Path whole = write(dir.resolve("whole.hevc"), units);
        DecodedVideo expected = FfmpegDecoder.decode(whole, "hevc");
        List<byte[]> client = decodeDespiteMissingReferences(write(dir.resolve("client.hevc"), received));

        int from = resume + PERIOD - 1; // where x264's wave has healed
        int tail = units.size() - from;
        List<byte[]> clientTail = client.subList(client.size() - tail, client.size());
        long damaged = 0;
        for (int i = 0; i < tail; i++) {
            if (!Arrays.equals(expected.frames().get(from + i), clientTail.get(i))) {
                damaged++;
            }
        }
        assertTrue(damaged > 0, "x265 now heals a client at its waves: let libav-x265 refresh in waves (README)");
    }

    private static List<byte[]> encodeWithWaves(int frames) throws Exception {
        Libav av = Libav.system();
        EncoderConfig config = new EncoderConfig(Codec.HEVC, MODE, 3000, 1, false);
        Map<String, String> options = new LinkedHashMap<>(new X265Backend().options(config));
        options.put("x265-params", options.get("x265-params").replace("keyint=-1", "keyint=" + PERIOD)
                + ":intra-refresh=1");
        TestPattern pattern = new TestPattern(MODE.width(), MODE.height(), PixelFormat.BGRX);
        int stride = TestPattern.minimumStride(MODE.width(), PixelFormat.BGRX);
        List<byte[]> units = new ArrayList<>();
        try (Arena arena = Arena.ofConfined();
             AvEncoder encoder = AvEncoder.open(av, "libx265", MODE.width(), MODE.height(),
                     AvLayouts.PIX_FMT_YUV420P, options);
             PictureConverter converter = new PictureConverter(Swscale.system(), MODE.width(), MODE.height(),
                     PixelFormat.BGRX, MODE.width(), MODE.height(), AvLayouts.PIX_FMT_YUV420P)) {
            MemorySegment pixels = arena.allocate(PixelFormat.BGRX.frameBytes(stride, MODE.height()));
            for (int i = 0; i < frames; i++) {
                pattern.paint(pixels, stride, i, FrameStamp.now(i));
                converter.convert(new Frame(pixels, PixelFormat.BGRX, MODE.width(), MODE.height(), stride, i,
                        System.nanoTime(), null), encoder);
                encoder.send(i, i == 0);
                encoder.drain((data, pts, key) -> units.add(data.toArray(ValueLayout.JAVA_BYTE)));
            }
        }
        assertEquals(frames, units.size());
        return units;
    }

    private static Path write(Path file, List<byte[]> units) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        units.forEach(out::writeBytes);
        return Files.write(file, out.toByteArray());
    }

    /**
     * The luma planes ffmpeg decodes from a stream that lost pictures. Its HEVC decoder says which references are
     * missing (the parameter sets of each picture name them) and decodes on; anything else it says fails the test.
     */
    private static List<byte[]> decodeDespiteMissingReferences(Path file) throws Exception {
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-nostdin", "-f", "hevc", "-i", file.toString(),
                "-f", "rawvideo", "-pix_fmt", "yuv420p", "-").redirectError(file.resolveSibling("stderr.txt").toFile())
                .start();
        byte[] out = ffmpeg.getInputStream().readAllBytes();
        assertEquals(0, ffmpeg.waitFor());
        List<String> complaints = Files.readAllLines(file.resolveSibling("stderr.txt"), StandardCharsets.UTF_8)
                .stream().filter(line -> !line.contains("Could not find ref with POC")).toList();
        assertEquals(List.of(), complaints, "ffmpeg only misses the lost references");
        int plane = MODE.width() * MODE.height();
        int picture = plane * 3 / 2;
        List<byte[]> frames = new ArrayList<>();
        for (int at = 0; at + picture <= out.length; at += picture) {
            frames.add(Arrays.copyOfRange(out, at, at + plane));
        }
        return frames;
    }
}
