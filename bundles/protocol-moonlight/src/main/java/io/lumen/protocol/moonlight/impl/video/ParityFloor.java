package io.lumen.protocol.moonlight.impl.video;

/**
 * The parity a block needs to come through the loss its FEC percentage is sized for. A percentage alone protects
 * big blocks far better than small ones: at 5% random loss, 20% parity leaves a 1000-shard block 18 standard
 * deviations of margin, but a 10-shard block with its 2 parity shards is lost almost 2% of the time. So each block
 * gets at least the parity that keeps it whole, at a loss rate of a quarter of its FEC percentage (20% is sized
 * for 5% loss), with probability {@code 1 - }{@value #BLOCK_LOSS_TARGET}: for a one-shard frame at 20% that is 3
 * parity shards, for 10 shards 6, and from about 80 shards on the percentage alone is enough.
 */
final class ParityFloor {

    /** Loss rate a FEC percentage is sized for, per percent. */
    static final double LOSS_PER_FEC_PERCENT = 1 / 400.0;
    /** Chance that a block is lost at the loss rate it is sized for. */
    static final double BLOCK_LOSS_TARGET = 1e-5;

    private static final int EXACT_LOG_FACTORIALS = 256;
    private static final double[] LOG_FACTORIAL = new double[EXACT_LOG_FACTORIALS];

    static {
        for (int i = 1; i < EXACT_LOG_FACTORIALS; i++) {
            LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log(i);
        }
    }

    private ParityFloor() {
    }

    /**
     * The fewest parity shards, at least {@code atLeast} and at most {@code atMost}, that keep a block of
     * {@code dataShards} whole at the loss rate {@code fecPercent} is sized for; 0 when the percentage is 0.
     */
    static int parity(int dataShards, int fecPercent, int atLeast, int atMost) {
        if (fecPercent <= 0 || atMost <= 0) {
            return 0;
        }
        double loss = Math.min(0.5, fecPercent * LOSS_PER_FEC_PERCENT);
        int parity = Math.clamp(atLeast, 1, atMost);
        while (parity < atMost && blockLoss(dataShards + parity, parity, loss) > BLOCK_LOSS_TARGET) {
            parity++;
        }
        return parity;
    }

    /** The chance that more than {@code parity} of {@code shards} are lost, each independently at {@code loss}. */
    static double blockLoss(int shards, int parity, double loss) {
        double logLoss = Math.log(loss);
        double logKept = Math.log1p(-loss);
        double sum = 0;
        for (int lost = parity + 1; lost <= shards; lost++) {
            double term = Math.exp(logFactorial(shards) - logFactorial(lost) - logFactorial(shards - lost)
                    + lost * logLoss + (shards - lost) * logKept);
            sum += term;
            if (lost > shards * loss && term < 1e-20) {
                break; // past the mean the terms only shrink, faster than geometrically
            }
        }
        return sum;
    }

    /** ln(n!): exact for small n, Stirling's series (error below 1e-10 from 256 on) beyond. */
    static double logFactorial(int n) {
        if (n < EXACT_LOG_FACTORIALS) {
            return LOG_FACTORIAL[n];
        }
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
