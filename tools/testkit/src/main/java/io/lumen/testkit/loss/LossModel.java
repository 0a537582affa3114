package io.lumen.testkit.loss;

/**
 * Decides, datagram by datagram, which ones a lossy network drops. A model is seeded, so the same seed gives the
 * same sequence of decisions (a failing run can be replayed); it keeps state between calls (bursts), so one
 * instance serves one stream of datagrams on one thread.
 */
public interface LossModel {

    /** Whether the next datagram is dropped. */
    boolean drop();

    /** The fraction of datagrams this model drops in the long run. */
    double rate();

    /** The mean length of a run of consecutive drops in the long run (1/(1-rate) for independent loss). */
    double meanBurst();

    /** A model that never drops. */
    static LossModel none() {
        return NoLoss.INSTANCE;
    }

    /**
     * {@code rate} (0 to 1) of the datagrams dropped, in runs of {@code meanBurst} on average: independent loss when
     * {@code meanBurst} is 1 or less, else a two-state burst model.
     */
    static LossModel of(double rate, double meanBurst, long seed) {
        if (rate <= 0) {
            return none();
        }
        return meanBurst <= 1 ? new RandomLoss(rate, seed) : new BurstLoss(rate, meanBurst, seed);
    }
}
