package io.lumen.encode.x264.impl;

import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;
import io.lumen.encode.x264.impl.ffm.X264Library;
import io.lumen.encoding.Swscale;
import io.lumen.encoding.X26xPreset;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The x264 backend (libx264 direct) against libav-x264 (libx264 through libavcodec) on the same 1080p BGRX
 * test-pattern pictures, with the same preset, rate and slices: frames per second and process CPU time per frame,
 * as ratios against libav-x264 measured in the same round. x264 runs with its default 4 reference pictures (what
 * reference invalidation needs) and with 1 (ultrafast's own, what libav-x264 uses), which separates the cost of the
 * references from the cost of the binding. The encoders take turns, the order swapping every round. See README.md.
 */
public final class X264Bench {

    private static final int KBPS = 20_000;
    /** Distinct pictures kept in memory (8 MB each), cycled. */
    private static final int DISTINCT = 24;

    private X264Bench() {
    }

    private record Result(double fps, double cpuMillisPerFrame, double bytesPerFrame) {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int w = 1920;
        int h = 1080;
        Map<String, Supplier<EncoderBackend>> encoders = new LinkedHashMap<>();
        encoders.put("libav-x264", io.lumen.encode.libav.impl.X264Backend::new);
        encoders.put("x264 ref=4", () -> new X264Backend(X264Library.system(), Swscale.system(), X26xPreset.DEFAULT,
                X264Settings.DEFAULT_REFERENCES));
        encoders.put("x264 ref=1", () -> new X264Backend(X264Library.system(), Swscale.system(), X26xPreset.DEFAULT,
                1));
        try (Arena arena = Arena.ofConfined()) {
            long frameBytes = (long) w * h * 4;
            MemorySegment pictures = arena.allocate(frameBytes * DISTINCT);
            TestPattern pattern = new TestPattern(w, h, PixelFormat.BGRX);
            for (int i = 0; i < DISTINCT; i++) {
                pattern.paint(pictures.asSlice(frameBytes * i, frameBytes), w * 4, i, FrameStamp.now(i));
            }
            for (var encoder : encoders.values()) {
                run(encoder.get(), pictures, w, h, frames / 3); // warms the JIT and the libraries up
            }
            System.out.printf(Locale.ROOT, "%dx%d BGRX, %d frames a run, ultrafast/zerolatency %d kbps, %d rounds,"
                    + " the order swapping each round%n", w, h, frames, KBPS, rounds);
            Map<String, double[]> rates = new LinkedHashMap<>();
            Map<String, double[]> cpus = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                Map<String, Result> results = new LinkedHashMap<>();
                var names = new java.util.ArrayList<>(encoders.keySet());
                if (round % 2 == 1) {
                    java.util.Collections.reverse(names);
                }
                for (String name : names) {
                    results.put(name, run(encoders.get(name).get(), pictures, w, h, frames));
                }
                Result base = results.get("libav-x264");
                StringBuilder line = new StringBuilder("  round " + (round + 1) + ":");
                for (String name : encoders.keySet()) {
                    Result r = results.get(name);
                    line.append(String.format(Locale.ROOT, " | %s %.1f fps %.2f ms CPU/frame %.0f B/frame", name,
                            r.fps(), r.cpuMillisPerFrame(), r.bytesPerFrame()));
                    rates.computeIfAbsent(name, k -> new double[rounds])[round] = r.fps() / base.fps();
                    cpus.computeIfAbsent(name, k -> new double[rounds])[round] = r.cpuMillisPerFrame()
                            / base.cpuMillisPerFrame();
                }
                System.out.println(line);
            }
            for (String name : encoders.keySet()) {
                if (name.equals("libav-x264")) {
                    continue;
                }
                double[] rate = rates.get(name);
                double[] cpu = cpus.get(name);
                Arrays.sort(rate);
                Arrays.sort(cpu);
                System.out.printf(Locale.ROOT, "median: %s / libav-x264 = %.3f x the rate, %.3f x the CPU per frame"
                        + " (rate ratios %.3f..%.3f)%n", name, rate[rounds / 2], cpu[rounds / 2], rate[0],
                        rate[rounds - 1]);
            }
        }
    }

    private static Result run(EncoderBackend backend, MemorySegment pictures, int w, int h, int frames)
            throws Exception {
        long frameBytes = (long) w * h * 4;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] bytes = new long[1];
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        try (EncoderSession session = backend.open(new EncoderConfig(Codec.H264, new VideoMode(w, h, 60), KBPS, 1,
                false))) {
            for (int i = 0; i < frames; i++) {
                session.encode(new Frame(pictures.asSlice(frameBytes * (i % DISTINCT), frameBytes), PixelFormat.BGRX,
                        w, h, w * 4, i, System.nanoTime(), null), unit -> bytes[0] += unit.data().byteSize());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e6 / frames;
        return new Result(frames / seconds, cpu, (double) bytes[0] / frames);
    }
}
