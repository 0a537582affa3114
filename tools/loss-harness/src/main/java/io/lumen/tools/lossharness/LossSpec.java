package io.lumen.tools.lossharness;

import io.lumen.testkit.loss.LossModel;

import java.util.Locale;

/**
 * A loss model as the harness names it: the share of datagrams dropped and the mean length of a run of drops (1 for
 * independent loss). Written {@code 5%} (independent) or {@code 2%/3} (bursts of mean 3) on the command line.
 */
record LossSpec(double rate, double meanBurst) {

    LossSpec {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a loss rate is between 0% and 100%, not " + rate * 100 + "%");
        }
        if (!(meanBurst >= 1) || Double.isInfinite(meanBurst)) {
            throw new IllegalArgumentException("a mean burst is a length of at least 1, not " + meanBurst);
        }
        if (meanBurst > 1 && rate > 0) {
            LossModel.of(rate, meanBurst, 0); // refuses bursts too long for the rate, with the reason
        }
    }

    static LossSpec random(double rate) {
        return new LossSpec(rate, 1);
    }

    static LossSpec bursts(double rate, double meanBurst) {
        return new LossSpec(rate, meanBurst);
    }

    /** {@code 5%} or {@code 2%/3}; throws IllegalArgumentException with the reason otherwise. */
    static LossSpec parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2 || !parts[0].endsWith("%")) {
            throw new IllegalArgumentException("a loss model is written 5% (random) or 2%/3 (bursts of mean 3), not "
                    + text);
        }
        try {
            double rate = Double.parseDouble(parts[0].substring(0, parts[0].length() - 1)) / 100;
            double burst = parts.length == 2 ? Double.parseDouble(parts[1]) : 1;
            return new LossSpec(rate, burst);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("a loss model is written 5% (random) or 2%/3 (bursts of mean 3), not "
                    + text);
        }
    }

    boolean bursty() {
        return meanBurst > 1 && rate > 0;
    }

    /** The model for one run of datagrams; the same seed drops the same datagrams. */
    LossModel model(long seed) {
        return bursty() ? LossModel.of(rate, meanBurst, seed) : LossModel.of(rate, 1, seed);
    }

    String label() {
        if (rate == 0) {
            return "no loss";
        }
        return bursty() ? percent(rate) + " bursts of " + number(meanBurst) : percent(rate) + " random";
    }

    static String percent(double fraction) {
        return number(fraction * 100) + "%";
    }

    private static String number(double value) {
        double rounded = Math.rint(value);
        return Math.abs(value - rounded) < 1e-9 ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "");
    }

    @Override
    public String toString() {
        return label();
    }
}
