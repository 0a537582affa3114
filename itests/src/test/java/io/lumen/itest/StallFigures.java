package io.lumen.itest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The swap-stall benchmark's figures: per mode and kind of swap, the stall the session reported and the longest gap
 * a client saw, as p50/p99/max against the goal for that kind; the encoders' frame rates in the session.
 */
final class StallFigures {

    /** One kind of operation in one mode, ending on {@code encoder}, with the p99 the client may see. */
    record Row(String mode, String kind, String encoder, double goalMillis) {
    }

    private static final class Samples {
        final List<Double> session = new ArrayList<>();
        final List<Double> client = new ArrayList<>();
        int timedAtSending;
        final Map<String, List<Double>> steps = new LinkedHashMap<>();
    }

    private final Map<Row, Samples> rows = new LinkedHashMap<>();
    private final Map<String, List<Double>> fps = new LinkedHashMap<>();
    private final Map<Row, List<String>> timelines = new LinkedHashMap<>();

    /** The steps of one operation of {@code row}'s kind, in order, to show where its time went. */
    void timeline(Row row, List<String> steps) {
        timelines.put(row, steps.stream().sorted(java.util.Comparator.comparingDouble(
                step -> Double.parseDouble(step.strip().split(" ")[0]))).toList());
    }

    void add(Row row, double sessionMillis, boolean timedAtSending, double clientMillis) {
        Samples samples = rows.computeIfAbsent(row, r -> new Samples());
        samples.session.add(sessionMillis);
        samples.client.add(clientMillis);
        if (timedAtSending) {
            samples.timedAtSending++;
        }
    }

    /** When a step of the operation happened, ms after it began; NaN when it had no such step. */
    void step(Row row, String step, double millis) {
        if (!Double.isNaN(millis)) {
            rows.computeIfAbsent(row, r -> new Samples()).steps.computeIfAbsent(step, k -> new ArrayList<>())
                    .add(millis);
        }
    }

    /** The rate at which the client completed frames from {@code encoder} in {@code mode} after a swap to it. */
    void clientRate(String mode, String encoder, double framesPerSecond) {
        fps.computeIfAbsent(mode + " " + encoder, k -> new ArrayList<>()).add(framesPerSecond);
    }

    String report(String header) {
        StringBuilder out = new StringBuilder(header);
        out.append(String.format(Locale.ROOT, "%-12s %-26s %-33s %-29s %s%n", "mode", "operation",
                "session stall p50/p99/max", "client gap p50/p99/max", "goal (client p99)"));
        rows.forEach((row, samples) -> {
            double clientP99 = percentile(samples.client, 0.99);
            double rate = percentile(fps.getOrDefault(row.mode() + " " + row.encoder(), List.of()), 0.5);
            double modeRate = Double.parseDouble(row.mode().substring(row.mode().lastIndexOf('x') + 1));
            String verdict = clientP99 <= row.goalMillis() ? "met" : "MISSED";
            if (!(rate >= 0.9 * modeRate)) {
                verdict += String.format(Locale.ROOT, " (meaningless: %s ran at %.0f fps)", row.encoder(), rate);
            }
            out.append(String.format(Locale.ROOT, "%-12s %-26s %-33s %-29s <= %.0f ms: %s%n", row.mode(), row.kind(),
                    summary(samples.session) + timing(samples), summary(samples.client), row.goalMillis(), verdict));
        });
        out.append("steps of each operation, ms after it began, p50/p99:\n");
        rows.forEach((row, samples) -> samples.steps.forEach((step, millis) -> out.append(String.format(Locale.ROOT,
                "  %-12s %-26s %-32s %.1f/%.1f ms%n", row.mode(), row.kind(), step, percentile(millis, 0.5),
                percentile(millis, 0.99)))));
        out.append("frames per second the client completed after a swap, median, by encoder (a figure means"
                + " something only where this is the mode's rate):\n");
        fps.forEach((what, rates) -> out.append(String.format(Locale.ROOT, "  %-30s %.0f fps%n", what,
                percentile(rates, 0.5))));
        out.append("one operation of each kind, step by step (ms after it began):\n");
        timelines.forEach((row, steps) -> {
            out.append("  ").append(row.mode()).append(' ').append(row.kind()).append('\n');
            steps.forEach(step -> out.append("    ").append(step).append('\n'));
        });
        return out.toString();
    }

    private static String timing(Samples samples) {
        int n = samples.session.size();
        return samples.timedAtSending == n ? " sent" : samples.timedAtSending == 0 ? " handed" : " mixed";
    }

    private static String summary(List<Double> millis) {
        return String.format(Locale.ROOT, "%.1f/%.1f/%.1f ms n=%d", percentile(millis, 0.5), percentile(millis, 0.99),
                percentile(millis, 1.0), millis.size());
    }

    /** Nearest-rank percentile; NaN for none. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }
}
