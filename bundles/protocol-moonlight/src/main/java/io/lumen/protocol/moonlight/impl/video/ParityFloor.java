package io.lumen.protocol.moonlight.impl.video;

/**
 * The parity a block needs to come through a link's loss. A percentage alone protects big blocks far better than
 * small ones: at 5% random loss, 20% parity leaves a 1000-shard block 18 standard deviations of margin, but a
 * 10-shard block with its 2 parity shards is lost almost 2% of the time. So each block gets at least the parity that
 * keeps it whole, at the {@link LinkLoss} it is sized for, with probability {@code 1 - }{@value #BLOCK_LOSS_TARGET}.
 *
 * <p>The loss is Gilbert's two-state chain over the block's shards in send order: after a lost datagram the next is
 * lost with chance {@code q}, after a kept one with chance {@code a}, so that the share lost is the link's rate and a
 * run of losses lasts {@code 1/(1-q)} on average; {@code q = a} is random loss. The chance of losing more than the
 * parity is computed exactly by stepping the chain through the block; past a mean of {@value #EXACT_MEAN_LIMIT} lost
 * shards a normal approximation with the chain's correlation takes over.
 */
public final class ParityFloor {

    /** Loss rate a FEC percentage is sized for, per percent: 20% is sized for 5% random loss. */
    static final double LOSS_PER_FEC_PERCENT = 1 / 400.0;
    /**
     * What every link is assumed to lose without saying so: sized for it, a block of 1 to 4 shards gets 2 parity
     * shards and one of 5 to 15 gets 3, so a small frame survives two or three losses. More would cost a clean link
     * bitrate: at 1%, a 15-shard frame (10 Mbit/s at 60 fps) would get 4 where its 20% gives 3.
     */
    public static final LinkLoss QUIET_LINK = LinkLoss.random(0.0075);
    /** Chance that a block is lost at the loss it is sized for. */
    static final double BLOCK_LOSS_TARGET = 1e-5;
    /** Standard normal quantile of {@link #BLOCK_LOSS_TARGET}. */
    private static final double TARGET_Z = 4.265;
    private static final double EXACT_MEAN_LIMIT = 32;

    /**
     * What the link's reported loss may add per data shard, beyond what a scheme gives any link. A block's parity
     * grows past the picture's size only for runs of loss that a small block cannot outlast anyway; paying for it
     * inside the client's budget would starve the encoder (at 5% loss and 3 Mbit/s, frames of 2 shards asked for 11
     * parity shards and left the pictures a sixth of the rate), and a frame the parity does not save is healed.
     */
    public static final int MOST_REPORTED_PARITY_PER_DATA_SHARD = 2;

    private final LinkLoss loss;
    /** What is asked whatever the cap, or null: the scheme's own floor for any link. */
    private final ParityFloor baseline;
    private final int perDataShard;
    /** Parity by data count, filled as blocks of each size come; 0 means not yet computed. */
    private int[] byData = new int[64];

    private ParityFloor(LinkLoss loss, ParityFloor baseline, int perDataShard) {
        this.loss = loss;
        this.baseline = baseline;
        this.perDataShard = perDataShard;
    }

    /** The floor for blocks on a link that loses {@code loss}; it remembers what it computed. */
    public static ParityFloor of(LinkLoss loss) {
        return new ParityFloor(loss, null, Integer.MAX_VALUE);
    }

    /**
     * The floor for a link that reported {@code reported} loss, on top of what the scheme gives any link
     * ({@code baseline}): the reported loss adds at most {@value #MOST_REPORTED_PARITY_PER_DATA_SHARD} parity shards
     * per data shard.
     */
    public static ParityFloor reported(LinkLoss baseline, LinkLoss reported) {
        ParityFloor base = of(baseline);
        LinkLoss design = baseline.atLeast(reported);
        return design.equals(baseline) ? base
                : new ParityFloor(design, base, MOST_REPORTED_PARITY_PER_DATA_SHARD);
    }

    public LinkLoss loss() {
        return loss;
    }

    /**
     * The fewest parity shards, at least {@code atLeast} and at most {@code atMost}, that keep a block of
     * {@code dataShards} whole at this floor's loss.
     */
    public int parity(int dataShards, int atLeast, int atMost) {
        if (atMost <= 0) {
            return 0;
        }
        int needed = needed(dataShards);
        return Math.clamp(Math.max(needed, atLeast), 0, atMost);
    }

    /** The parity the loss model asks for a block of {@code dataShards}, whatever else asks for more. */
    int needed(int dataShards) {
        if (loss.rate() == 0 || dataShards < 1) {
            return 0;
        }
        if (dataShards >= byData.length) {
            byData = java.util.Arrays.copyOf(byData, Math.max(dataShards + 1, byData.length * 2));
        }
        int known = byData[dataShards];
        if (known == 0) {
            known = smallestParity(dataShards, loss);
            if (baseline != null) {
                known = Math.max(baseline.needed(dataShards),
                        (int) Math.min(known, (long) perDataShard * dataShards));
            }
            byData[dataShards] = Math.max(known, 1);
        }
        return byData[dataShards];
    }

    /** The leopard16 floor of old, kept by that scheme: sized for a quarter of the FEC percentage as random loss. */
    static LinkLoss ofPercent(int fecPercent) {
        return fecPercent <= 0 ? LinkLoss.NONE : LinkLoss.random(fecPercent * LOSS_PER_FEC_PERCENT);
    }

    static int smallestParity(int dataShards, LinkLoss loss) {
        int parity = Math.max(1, (int) (loss.rate() * dataShards)); // fewer never does
        // the parity shards can be lost too: the block grows with its parity until the target holds
        while (parity < (dataShards + parity) * 4 && !enough(dataShards + parity, parity, loss)) {
            parity++;
        }
        return parity;
    }

    private static boolean enough(int shards, int parity, LinkLoss loss) {
        double mean = loss.rate() * shards;
        if (mean > EXACT_MEAN_LIMIT) {
            double rate = loss.rate();
            double correlation = stayLost(loss) - becomeLost(loss);
            double variance = shards * rate * (1 - rate) * (1 + correlation) / (1 - correlation);
            return parity >= mean + TARGET_Z * Math.sqrt(variance);
        }
        return blockLoss(shards, parity, loss) <= BLOCK_LOSS_TARGET;
    }

    /** After a lost datagram, the chance the next is lost too. */
    private static double stayLost(LinkLoss loss) {
        return Math.max(loss.rate(), 1 - 1 / loss.meanBurst());
    }

    /** After a kept datagram, the chance the next is lost: what keeps the share lost at the rate. */
    private static double becomeLost(LinkLoss loss) {
        double rate = loss.rate();
        return rate >= 1 ? 1 : rate * (1 - stayLost(loss)) / (1 - rate);
    }

    /** The chance that more than {@code parity} of {@code shards} are lost on a link that loses {@code loss}. */
    static double blockLoss(int shards, int parity, LinkLoss loss) {
        double rate = loss.rate();
        if (rate == 0 || parity >= shards) {
            return 0;
        }
        double q = stayLost(loss);
        double a = becomeLost(loss);
        // by lost count so far, the last shard kept or lost; what passes the parity is past saving and only summed
        double[] kept = new double[parity + 1];
        double[] lost = new double[parity + 1];
        kept[0] = 1 - rate;
        lost[Math.min(1, parity)] = parity >= 1 ? rate : 0;
        double beyond = parity >= 1 ? 0 : rate;
        double[] nextKept = new double[parity + 1];
        double[] nextLost = new double[parity + 1];
        for (int shard = 1; shard < shards; shard++) {
            java.util.Arrays.fill(nextLost, 0);
            for (int c = 0; c <= parity; c++) {
                nextKept[c] = kept[c] * (1 - a) + lost[c] * (1 - q);
                double toLost = kept[c] * a + lost[c] * q;
                if (c == parity) {
                    beyond += toLost;
                } else {
                    nextLost[c + 1] = toLost;
                }
            }
            double[] swap = kept;
            kept = nextKept;
            nextKept = swap;
            swap = lost;
            lost = nextLost;
            nextLost = swap;
        }
        return beyond;
    }
}
