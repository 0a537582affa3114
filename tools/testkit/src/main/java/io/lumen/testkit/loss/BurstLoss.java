package io.lumen.testkit.loss;

import java.util.SplittableRandom;

/**
 * Loss that comes in bursts, as on a congested or fading link: a Gilbert-Elliott chain of a good state (every datagram
 * passes) and a bad one (every datagram is dropped). Leaving the bad state with probability 1/meanBurst makes runs
 * of drops geometric with that mean; entering it with probability rate/(meanBurst*(1-rate)) makes the bad state's
 * share of the time, and so the loss rate, equal to {@code rate}. The chain starts in its stationary distribution,
 * so short runs are not biased towards the good state.
 */
public final class BurstLoss implements LossModel {

    private final double rate;
    private final double meanBurst;
    private final double enterBad;
    private final double leaveBad;
    private final SplittableRandom random;
    private boolean bad;

    public BurstLoss(double rate, double meanBurst, long seed) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("a burst loss rate is above 0 and below 1, not " + rate);
        }
        if (!(meanBurst >= 1) || Double.isInfinite(meanBurst)) {
            throw new IllegalArgumentException("a mean burst length is at least 1, not " + meanBurst);
        }
        this.leaveBad = 1 / meanBurst;
        this.enterBad = rate * leaveBad / (1 - rate);
        if (enterBad > 1) {
            throw new IllegalArgumentException(String.format("%.1f%% loss cannot come in bursts of %.1f: the gaps"
                    + " between them would have to be shorter than one datagram", rate * 100, meanBurst));
        }
        this.rate = rate;
        this.meanBurst = meanBurst;
        this.random = new SplittableRandom(seed);
        this.bad = random.nextDouble() < rate;
    }

    @Override
    public boolean drop() {
        boolean dropped = bad;
        bad = random.nextDouble() < (bad ? 1 - leaveBad : enterBad);
        return dropped;
    }

    @Override
    public double rate() {
        return rate;
    }

    @Override
    public double meanBurst() {
        return meanBurst;
    }

    @Override
    public String toString() {
        return String.format("%.2f%% loss in bursts of %.1f", rate * 100, meanBurst);
    }
}
