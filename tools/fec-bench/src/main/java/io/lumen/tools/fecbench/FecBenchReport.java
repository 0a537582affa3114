package io.lumen.tools.fecbench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON result (throughput mode, {@code -rf json}) into data MB/s (originals x shard size / time,
 * 10^6 bytes) per block, operation and implementation: the slowest, median and fastest fork, because a JIT that
 * compiles the kernels differently from one start to the next shows up only across forks, never inside one.
 * Each row stands beside the goal (met only if the slowest fork meets it) and the same run's peer.
 */
public final class FecBenchReport {

    /** Goals (MB/s, encode then decode) from the fec-leopard issue, measured natively on this machine kind. */
    private static final Map<String, int[]> GOALS = Map.of(
            "rs8 100+20", new int[] {3000, 2500},
            "rs8 4+2", new int[] {15000, 12000},
            "rs8 200+55", new int[] {1200, 1000},
            "leopard16 1000+100:fresh", new int[] {4000, 900},
            "leopard16 100+20:repeat", new int[] {7000, 1500},
            "leopard16 32768+32768:fresh", new int[] {700, 350});

    /** The implementation the goals are for: lumen's codec as the host runs it. */
    private static final String GOAL_IMPL = "vector";

    /** The implementation each codec's rows are compared with: Hadoop's coder, or lumen's scalar path past 255. */
    private static final Map<String, String> PEERS = Map.of("rs8", "hadoop", "leopard16", "scalar");

    private FecBenchReport() {
    }

    /** One benchmark's per-fork results in data MB/s, sorted ascending. */
    record Forks(String codec, String block, String operation, String impl, double[] mbPerSecond) {

        double min() {
            return mbPerSecond[0];
        }

        double median() {
            int n = mbPerSecond.length;
            return n % 2 == 1 ? mbPerSecond[n / 2] : (mbPerSecond[n / 2 - 1] + mbPerSecond[n / 2]) / 2;
        }

        double max() {
            return mbPerSecond[mbPerSecond.length - 1];
        }
    }

    public static void main(String[] args) throws IOException {
        List<Measured> results = new ArrayList<>();
        for (String file : args) {
            try {
                results.addAll(read(Path.of(file)));
            } catch (IOException | RuntimeException e) {
                // a JMH run that failed or was stopped leaves an empty or partial file: report the others
                System.err.println("fec-bench: skipping " + file + ": not a complete JMH JSON result (" + e.getMessage()
                        + ")");
            }
        }
        table("data MB/s, wall clock", results.stream().map(f -> f.wall).toList());
        List<Forks> cpu = results.stream().map(f -> f.cpu).filter(f -> f != null).toList();
        if (!cpu.isEmpty()) {
            System.out.println();
            table("data MB/s per CPU-second", cpu);
        }
        System.out.println();
        for (Measured m : results) {
            System.out.printf(Locale.ROOT, "forks of %s %s %s %s: %s%s%n", m.wall.codec, m.wall.block,
                    m.wall.operation, m.wall.impl, list(m.wall), m.cpu == null ? "" : ", per CPU-second " + list(m.cpu));
        }
    }

    /** A benchmark's forks in wall-clock MB/s and, when the CPU-time profiler ran, per CPU-second. */
    record Measured(Forks wall, Forks cpu) {
    }

    private static void table(String title, List<Forks> results) {
        Map<String, Forks> byKey = new LinkedHashMap<>();
        for (Forks f : results) {
            byKey.put(key(f.codec, f.block, f.operation, f.impl), f);
        }
        String format = "%-34s %-7s %5s %8s %8s %8s %7s %6s %9s %12s%n";
        System.out.printf(Locale.ROOT, format, title, "impl", "forks", "min", "median", "max",
                "max/min", "goal", "min/goal", "median/peer");
        for (Forks f : results) {
            int[] goal = f.impl.equals(GOAL_IMPL) ? GOALS.get(f.codec + " " + f.block) : null;
            Integer target = goal == null ? null : goal[f.operation.equals("encode") ? 0 : 1];
            String peerImpl = PEERS.get(f.codec);
            Forks peer = f.impl.equals(peerImpl) ? null : byKey.get(key(f.codec, f.block, f.operation, peerImpl));
            System.out.printf(Locale.ROOT, format, f.codec + " " + f.block + " " + f.operation, f.impl,
                    f.mbPerSecond.length, fmt(f.min()), fmt(f.median()), fmt(f.max()), ratio(f.max(), f.min()),
                    target == null ? "-" : target.toString(), target == null ? "-" : ratio(f.min(), target),
                    peer == null ? "-" : ratio(f.median(), peer.median()) + " " + peerImpl);
        }
    }

    private static String list(Forks f) {
        return Arrays.stream(f.mbPerSecond).mapToObj(FecBenchReport::fmt).toList().toString();
    }

    static List<Measured> read(Path json) throws IOException {
        List<Measured> results = new ArrayList<>();
        for (JsonElement element : JsonParser.parseString(Files.readString(json)).getAsJsonArray()) {
            JsonObject run = element.getAsJsonObject();
            if (!run.get("mode").getAsString().equals("thrpt")) {
                throw new IllegalArgumentException("run JMH in throughput mode (-bm thrpt), got "
                        + run.get("mode").getAsString());
            }
            String benchmark = run.get("benchmark").getAsString();
            String codec = benchmark.contains("Rs8") ? "rs8" : "leopard16";
            String operation = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            JsonObject params = run.getAsJsonObject("params");
            String shape = params.get("shape").getAsString();
            String impl = params.get("impl").getAsString();
            int shard = codec.equals("rs8") ? Rs8Benchmark.SHARD : Leopard16Benchmark.SHARD;
            double bytesPerOp = (double) BlockShape.parse(shape).originals() * shard;
            JsonObject primary = run.getAsJsonObject("primaryMetric");
            if (!primary.get("scoreUnit").getAsString().equals("ops/s")) {
                throw new IllegalArgumentException("expected ops/s, got " + primary.get("scoreUnit").getAsString());
            }
            Forks wall = new Forks(codec, shape, operation, impl, perFork(primary, bytesPerOp));
            JsonObject secondary = run.getAsJsonObject("secondaryMetrics");
            Forks cpu = secondary == null || !secondary.has(CpuTimeProfiler.LABEL) ? null
                    : new Forks(codec, shape, operation, impl,
                    perFork(secondary.getAsJsonObject(CpuTimeProfiler.LABEL), bytesPerOp));
            results.add(new Measured(wall, cpu));
        }
        return results;
    }

    /** Every fork's score in data MB/s, ascending. */
    private static double[] perFork(JsonObject metric, double bytesPerOp) {
        JsonArray forks = metric.getAsJsonArray("rawData");
        double[] mb = new double[forks.size()];
        for (int fork = 0; fork < mb.length; fork++) {
            mb[fork] = mean(forks.get(fork).getAsJsonArray()) * bytesPerOp / 1e6;
        }
        Arrays.sort(mb);
        return mb;
    }

    /** A fork's score: the mean of its measured iterations, as JMH scores a single fork. */
    private static double mean(JsonArray iterations) {
        double sum = 0;
        for (JsonElement iteration : iterations) {
            sum += iteration.getAsDouble();
        }
        return sum / iterations.size();
    }

    private static String key(String codec, String block, String operation, String impl) {
        return codec + " " + block + " " + operation + " " + impl;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2f", a / b);
    }
}
