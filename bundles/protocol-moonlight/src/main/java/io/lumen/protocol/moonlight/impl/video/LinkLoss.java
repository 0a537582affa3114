package io.lumen.protocol.moonlight.impl.video;

/**
 * The loss a stream's parity is sized for: the share of datagrams lost, and how they go, as runs of {@code meanBurst}
 * datagrams on average (1: each on its own). A random-loss link and a link that loses the same share in runs of
 * three need different parity for a small block: one run can take three of its shards at once.
 *
 * @param rate      lost datagrams per datagram sent, 0 to 0.5
 * @param meanBurst mean length of a run of lost datagrams, at least 1
 */
public record LinkLoss(double rate, double meanBurst) {

    /** No loss assumed: blocks get what the FEC percentage and the client's minimum give them. */
    public static final LinkLoss NONE = new LinkLoss(0, 1);

    public LinkLoss {
        if (!(rate >= 0 && rate <= 0.5) || !(meanBurst >= 1 && meanBurst <= 64)) {
            throw new IllegalArgumentException("no link loses " + rate + " in runs of " + meanBurst);
        }
    }

    /** Each datagram lost on its own with probability {@code rate}. */
    public static LinkLoss random(double rate) {
        return new LinkLoss(Math.min(0.5, rate), 1);
    }

    /** Whichever asks more of a block: the higher rate, the longer runs. */
    public LinkLoss atLeast(LinkLoss other) {
        return new LinkLoss(Math.max(rate, other.rate), Math.max(meanBurst, other.meanBurst));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.2f%%%s", rate * 100,
                meanBurst > 1.05 ? String.format(java.util.Locale.ROOT, " in runs of %.1f", meanBurst) : " random");
    }
}
