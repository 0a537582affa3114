package io.lumen.tools.encoderbench;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.encode.libav.impl.X264Backend;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lumen's libav-x264 against the ffmpeg CLI's libx264 on the same raw 1080p BGRX frames, with the same x264
 * settings (ultrafast, zerolatency, no B-frames, the same CBR target and VBV): frames per second, CPU time per
 * frame, and lumen's per-frame latency from frame in to access unit out. Both run as x264 picks its threads.
 * See README.md.
 */
public final class LibavBench {

    private static final int KBPS = 20_000;
    /** Distinct pictures written once (a 1080p BGRX picture is 8 MB): both encoders go round them. */
    private static final int DISTINCT = 120;
    /** Ten seconds at 60 fps, as a stream delivers them. */
    private static final int PACED_FRAMES = 600;

    private LibavBench() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int w = 1920;
        int h = 1080;
        Path raw = Files.createTempFile("lumen-libav-bench-", ".bgrx");
        try (Arena arena = Arena.ofConfined()) {
            RawFrames.write(raw, w, h, DISTINCT); // both sides cycle through the same pictures
            MemorySegment pictures = load(raw, (long) w * h * 4 * DISTINCT, arena);
            lumen(pictures, w, h, frames); // warms the JIT up
            System.out.printf(Locale.ROOT, "%dx%d, %d frames a run, x264 ultrafast/zerolatency %d kbps CBR; lumen's"
                    + " libav-x264 and the ffmpeg CLI's libx264 take turns, %d rounds%n", w, h, frames, KBPS, rounds);
            double[] rates = new double[rounds];
            double[] cpus = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                Result lumen = lumen(pictures, w, h, frames);
                Result ffmpeg = ffmpeg(raw, w, h, frames);
                rates[round] = lumen.fps / ffmpeg.fps;
                cpus[round] = lumen.cpuMillisPerFrame / ffmpeg.cpuMillisPerFrame;
                System.out.printf(Locale.ROOT, "  round %d: lumen %.1f fps, %.2f ms CPU/frame, latency p50 %.2f ms p99"
                                + " %.2f ms | ffmpeg %.1f fps, %.2f ms CPU/frame | %.3f x the rate, %.3f x the CPU%n",
                        round + 1, lumen.fps, lumen.cpuMillisPerFrame, lumen.p50, lumen.p99, ffmpeg.fps,
                        ffmpeg.cpuMillisPerFrame, rates[round], cpus[round]);
            }
            Arrays.sort(rates);
            Arrays.sort(cpus);
            System.out.printf(Locale.ROOT, "median: lumen / ffmpeg = %.3f x the rate, %.3f x the CPU per frame;"
                    + " copies capture -> encoder input: 1 (the BGRX->I420 conversion)%n", rates[rounds / 2],
                    cpus[rounds / 2]);
            Result paced = lumen(pictures, w, h, PACED_FRAMES, 60);
            System.out.printf(Locale.ROOT, "paced at 60 fps, %d frames: lumen latency frame in -> access unit out"
                    + " p50 %.2f ms, p99 %.2f ms, %.2f ms CPU/frame%n", PACED_FRAMES, paced.p50, paced.p99,
                    paced.cpuMillisPerFrame);
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** The pictures in memory, so reading the file is not what is measured. */
    private static MemorySegment load(Path raw, long bytes, Arena arena) throws IOException {
        try (FileChannel in = FileChannel.open(raw, StandardOpenOption.READ)) {
            MemorySegment loaded = arena.allocate(bytes);
            loaded.copyFrom(in.map(FileChannel.MapMode.READ_ONLY, 0, bytes, arena));
            return loaded;
        }
    }

    private record Result(double fps, double cpuMillisPerFrame, double p50, double p99) {
    }

    private static Result lumen(MemorySegment pictures, int w, int h, int frames) throws Exception {
        return lumen(pictures, w, h, frames, 0);
    }

    /**
     * One run of lumen's libav-x264 over {@code frames} pictures, cycling through {@code pictures}: as fast as it
     * goes, or one picture every 1/{@code fps} s when {@code fps} is positive.
     */
    private static Result lumen(MemorySegment pictures, int w, int h, int frames, int fps) throws Exception {
        long frameBytes = (long) w * h * 4;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] latencies = new long[frames];
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        try (EncoderSession session = new X264Backend().open(
                new EncoderConfig(Codec.H264, new VideoMode(w, h, 60), KBPS, 1, false))) {
            long due = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                if (fps > 0) {
                    due += 1_000_000_000L / fps;
                    java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                }
                long in0 = System.nanoTime();
                int index = i;
                session.encode(new Frame(pictures.asSlice(frameBytes * (i % DISTINCT), frameBytes), PixelFormat.BGRX,
                        w, h, w * 4, i, in0, null), unit -> latencies[index] = System.nanoTime() - in0);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e6 / frames;
        Arrays.sort(latencies);
        return new Result(frames / seconds, cpu, latencies[frames / 2] / 1e6, latencies[(int) (frames * 0.99)] / 1e6);
    }

    /** The CLI with the same x264 settings; `-benchmark` reports its own CPU (user + system) and real time. */
    private static Result ffmpeg(Path raw, int w, int h, int frames) throws Exception {
        long bits = KBPS * 1000L;
        long peak = bits * 11 / 10;
        List<String> command = List.of("ffmpeg", "-hide_banner", "-nostats", "-v", "info", "-benchmark", "-nostdin",
                "-stream_loop", String.valueOf((frames + DISTINCT - 1) / DISTINCT), "-f", "rawvideo",
                "-pix_fmt", "bgr0", "-s", w + "x" + h, "-r", "60", "-i", raw.toString(),
                "-frames:v", String.valueOf(frames), "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                "-bf", "0", "-forced-idr", "1", "-x264-params", "scenecut=0", "-b:v", String.valueOf(bits),
                "-maxrate", String.valueOf(peak), "-bufsize", String.valueOf(peak / 60), "-pix_fmt", "yuv420p",
                "-f", "h264", "-y", "/dev/null");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + output);
        }
        // e.g. "bench: utime=12.345s stime=0.678s rtime=7.890s"
        Matcher m = Pattern.compile("utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s").matcher(output);
        if (!m.find()) {
            throw new IOException("no -benchmark line in: " + output);
        }
        double cpu = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
        double real = Double.parseDouble(m.group(3));
        return new Result(frames / real, cpu * 1000 / frames, Double.NaN, Double.NaN);
    }
}
