package io.lumen.testkit.loss;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LossModelTest {

    private static final int DRAWS = 2_000_000;

    /** What a run of decisions looked like: the share dropped and the mean length of runs of drops. */
    private record Measured(double rate, double meanBurst) {
    }

    private static Measured measure(LossModel model, int draws) {
        long dropped = 0;
        long bursts = 0;
        boolean previous = false;
        for (int i = 0; i < draws; i++) {
            boolean drop = model.drop();
            if (drop) {
                dropped++;
                if (!previous) {
                    bursts++;
                }
            }
            previous = drop;
        }
        return new Measured((double) dropped / draws, bursts == 0 ? 0 : (double) dropped / bursts);
    }

    private static boolean[] sequence(LossModel model, int length) {
        boolean[] drops = new boolean[length];
        for (int i = 0; i < length; i++) {
            drops[i] = model.drop();
        }
        return drops;
    }

    @Test
    void randomLossDropsItsRateWithRunsOfIndependentDraws() {
        Measured measured = measure(new RandomLoss(0.05, 11), DRAWS);
        assertEquals(0.05, measured.rate(), 0.05 * 0.03, "rate");
        assertEquals(1 / 0.95, measured.meanBurst(), 0.01, "independent drops run 1/(1-p) long on average");
    }

    @Test
    void burstLossDropsItsRateInBurstsOfItsMeanLength() {
        for (double[] parameters : new double[][] {{0.02, 3}, {0.05, 1.5}, {0.10, 8}, {0.01, 20}}) {
            double rate = parameters[0];
            double burst = parameters[1];
            Measured measured = measure(new BurstLoss(rate, burst, 5), DRAWS * 5);
            assertEquals(rate, measured.rate(), rate * 0.06, "rate of " + rate + " in bursts of " + burst);
            assertEquals(burst, measured.meanBurst(), burst * 0.05, "burst length of " + rate + " in bursts of "
                    + burst);
        }
    }

    @Test
    void theSameSeedGivesTheSameDecisionsAndAnotherSeedOthers() {
        assertArrayEquals(sequence(new BurstLoss(0.1, 3, 42), 10_000), sequence(new BurstLoss(0.1, 3, 42), 10_000));
        assertArrayEquals(sequence(new RandomLoss(0.1, 42), 10_000), sequence(new RandomLoss(0.1, 42), 10_000));
        assertFalse(java.util.Arrays.equals(sequence(new BurstLoss(0.1, 3, 42), 10_000),
                sequence(new BurstLoss(0.1, 3, 43), 10_000)));
    }

    @Test
    void theFactoryPicksTheModelFromTheBurstLength() {
        assertInstanceOf(RandomLoss.class, LossModel.of(0.05, 1, 1));
        assertInstanceOf(BurstLoss.class, LossModel.of(0.05, 3, 1));
        assertFalse(LossModel.of(0, 3, 1).drop(), "no rate, no loss");
        assertEquals(0, measure(LossModel.none(), 1000).rate());
    }

    @Test
    void impossibleParametersAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> new RandomLoss(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new BurstLoss(0.05, 0.5, 1));
        IllegalArgumentException tooDense = assertThrows(IllegalArgumentException.class,
                () -> new BurstLoss(0.9, 1.01, 1));
        assertEquals(true, tooDense.getMessage().contains("bursts"), tooDense.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BurstLoss(Double.NaN, 3, 1));
    }
}
