package io.lumen.session.impl.pipeline;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link FitBenchmark}'s paths taking turns, for a machine too busy for JMH's one-after-the-other runs to compare:
 * each round times {@code frames} calls of each path in turn, by the thread's CPU time (all three run on the calling
 * thread, so time lost to other processes is not counted), and prints the old path (FrameFitter then convert) and
 * the new one (libswscale scaling and converting in one pass) as ratios to the conversion alone, then their medians.
 * Arguments: [frames per path per round, default 30] [rounds, default 7].
 */
public final class FitBench {

    private FitBench() {
    }

    @FunctionalInterface
    private interface Path {
        Object run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String source : List.of("2560x1440", "3840x2160", "1280x720")) {
            FitBenchmark bench = new FitBenchmark();
            bench.source = source;
            bench.setUp();
            try {
                Path[] paths = {bench::convertAlone, bench::fitThenConvert, bench::scaleAndConvert};
                for (Path path : paths) {
                    time(cpu, path, frames); // warm-up: JIT, libswscale's first-call set-up
                }
                List<Double> oldRatios = new ArrayList<>();
                List<Double> newRatios = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    double convert = time(cpu, paths[0], frames);
                    double old = time(cpu, paths[1], frames);
                    double fresh = time(cpu, paths[2], frames);
                    oldRatios.add(old / convert);
                    newRatios.add(fresh / convert);
                    System.out.printf(Locale.ROOT, "%s -> 1920x1080 round %d: convert alone %.2f ms, FrameFitter +"
                                    + " convert %.2f ms (%.2fx), libswscale scale+convert %.2f ms (%.2fx)%n", source,
                            round, convert, old, old / convert, fresh, fresh / convert);
                }
                System.out.printf(Locale.ROOT, "%s -> 1920x1080 median over %d rounds: old path %.2fx the conversion"
                                + " alone, new path %.2fx (new/old %.2f)%n", source, rounds, median(oldRatios),
                        median(newRatios), median(newRatios) / median(oldRatios));
            } finally {
                bench.tearDown();
            }
        }
    }

    /** Thread CPU milliseconds per call of {@code path}, over {@code frames} calls. */
    private static double time(ThreadMXBean cpu, Path path, int frames) throws Exception {
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < frames; i++) {
            path.run();
        }
        return (cpu.getCurrentThreadCpuTime() - start) / 1e6 / frames;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
