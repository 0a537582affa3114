package io.lumen.testkit.loss;

import java.util.SplittableRandom;

/** Each datagram dropped with the same probability, whatever happened to the ones before it. */
public final class RandomLoss implements LossModel {

    private final double rate;
    private final SplittableRandom random;

    public RandomLoss(double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a loss rate is between 0 and 1, not " + rate);
        }
        this.rate = rate;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public boolean drop() {
        return random.nextDouble() < rate;
    }

    @Override
    public double rate() {
        return rate;
    }

    @Override
    public double meanBurst() {
        return rate >= 1 ? Double.POSITIVE_INFINITY : 1 / (1 - rate);
    }

    @Override
    public String toString() {
        return String.format("%.2f%% random loss", rate * 100);
    }
}
