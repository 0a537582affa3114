package io.lumen.tools.fecbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's CSV (throughput mode) into data MB/s (originals x shard size / time, 10^6 bytes) per block and
 * implementation, each beside the other implementations of the same run and the goal.
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

    private FecBenchReport() {
    }

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        List<String> header = split(lines.get(0));
        int score = header.indexOf("Score");
        int unit = header.indexOf("Unit");
        int impl = header.indexOf("Param: impl");
        int shape = header.indexOf("Param: shape");
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = split(line);
            if (f.get(0).contains(":")) {
                continue; // a profiler's secondary result (-prof gc ...), printed by JMH itself
            }
            if (!f.get(unit).equals("ops/s")) {
                throw new IllegalArgumentException("run JMH in throughput mode (-bm thrpt), got " + f.get(unit));
            }
            String benchmark = f.get(0);
            String codec = benchmark.contains("Rs8") ? "rs8" : "leopard16";
            String op = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            BlockShape block = BlockShape.parse(f.get(shape));
            int shard = codec.equals("rs8") ? Rs8Benchmark.SHARD : Leopard16Benchmark.SHARD;
            double mbPerSecond = Double.parseDouble(f.get(score)) * block.originals() * shard / 1e6;
            rows.computeIfAbsent(codec + " " + f.get(shape) + " " + op, x -> new LinkedHashMap<>())
                    .put(f.get(impl), mbPerSecond);
        }
        System.out.printf(Locale.ROOT, "%-40s %10s %10s %10s %8s %14s %12s%n", "block, operation (data MB/s)",
                "vector", "scalar", "hadoop", "goal", "vector/hadoop", "vector/goal");
        for (var row : rows.entrySet()) {
            String key = row.getKey();
            String block = key.substring(0, key.lastIndexOf(' '));
            boolean encode = key.endsWith("encode");
            int[] goal = GOALS.get(block);
            Map<String, Double> by = row.getValue();
            Double vector = by.get("vector");
            Double hadoop = by.get("hadoop");
            System.out.printf(Locale.ROOT, "%-40s %10s %10s %10s %8s %14s %12s%n", key, fmt(vector),
                    fmt(by.get("scalar")), fmt(hadoop), goal == null ? "-" : goal[encode ? 0 : 1],
                    vector != null && hadoop != null ? String.format(Locale.ROOT, "%.2f", vector / hadoop) : "-",
                    vector != null && goal != null ? String.format(Locale.ROOT, "%.2f", vector / goal[encode ? 0 : 1])
                            : "-");
        }
    }

    private static String fmt(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static List<String> split(String csvLine) {
        List<String> fields = new ArrayList<>();
        for (String field : csvLine.split(",", -1)) {
            fields.add(field.startsWith("\"") && field.endsWith("\"") ? field.substring(1, field.length() - 1) : field);
        }
        return fields;
    }
}
