package io.lumen.tools.soak;

import java.util.List;
import java.util.Locale;

/**
 * How a metric moves over the cycles: the least-squares slope of value against cycle number, given per 100 cycles,
 * judged against a tolerance in the same unit. A leak shows as a steady slope; noise (a GC's timing, a JIT thread
 * that comes and goes) as scatter around a flat line, which is why the verdict looks at the slope, not at
 * end minus start.
 */
record Trend(String metric, String unit, double first, double last, double slopePer100, double tolerancePer100) {

    /** Fits {@code values} (one per cycle, cycles {@code firstCycle}, firstCycle+1, ...). */
    static Trend of(String metric, String unit, int firstCycle, List<Double> values, double tolerancePer100) {
        int n = values.size();
        if (n < 2) {
            throw new IllegalArgumentException("a trend needs two samples or more, not " + n);
        }
        double meanX = firstCycle + (n - 1) / 2.0;
        double meanY = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = firstCycle + i - meanX;
            sxy += dx * (values.get(i) - meanY);
            sxx += dx * dx;
        }
        return new Trend(metric, unit, values.get(0), values.get(n - 1), sxy / sxx * 100, tolerancePer100);
    }

    boolean flat() {
        return slopePer100 <= tolerancePer100;
    }

    String line() {
        return String.format(Locale.ROOT, "%-22s first %10.1f %-4s last %10.1f %-4s slope %+9.2f %s/100 cycles"
                        + " (tolerance %.1f): %s", metric, first, unit, last, unit, slopePer100, unit, tolerancePer100,
                flat() ? "flat" : "GROWING");
    }
}
