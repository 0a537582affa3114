package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.control.FrameFecStatus;
import io.lumen.protocol.moonlight.impl.video.LinkLoss;

/**
 * How much of the video the link loses, from the client's FEC reports: a Moonlight client reports every block it had
 * to repair or lost, so the shards it names as missing, over all the shards sent, is the loss rate (blocks it does
 * not report lost nothing). Both sums fade with a half-life of {@value #HALF_LIFE_SECONDS} s, so the estimate
 * follows a link that gets better or worse. The parity is sized for an upper bound of the rate (a Poisson bound of
 * {@value #BOUND_SIGMAS} standard deviations on the lost count), so a few reports do not undersize it; and for the
 * runs the losses come in: lost shards per lossy block, against what random loss would put in a block of the
 * stream's mean size.
 *
 * <p>A repaired block's report counts the shards missing before the highest that arrived: the client repairs as soon
 * as it has enough and never waits for the rest, so its "received" stops short of what came, and the shards after
 * that point count neither as lost nor as sent. A block whose data all came is not reported, and its parity was never
 * looked at: the shards sent are the data shards and the parity shards reports say were looked at. A lost block's
 * report comes once the next frame began, so everything it did not receive counts.
 */
final class LossEstimate {

    static final double HALF_LIFE_SECONDS = 4;
    static final double BOUND_SIGMAS = 2;
    /** Steps the design loss moves in, so a floor table serves many frames: a quarter of a percent. */
    static final double RATE_STEP = 0.0025;
    static final double BURST_STEP = 0.5;
    static final double MAX_BURST = 16;
    /** Lossy blocks before their clustering is believed. */
    static final int BURST_EVIDENCE = 5;
    /** Lost shards that have faded below this count no more: the link is quiet again. */
    static final double FADED = 0.5;

    private double sentShards;
    private double sentBlocks;
    private double lostShards;
    private double lossyBlocks;
    private double lostInLossyBlocks;
    private long lastShards;
    private long lastBlocks;
    private long lastNanos = Long.MIN_VALUE;

    /**
     * The stream's cumulative data shards and FEC blocks sent, at {@code nanos}. Data shards only: a client that has
     * all of a block's data never looks at its parity, so only a report tells which parity shards it saw.
     */
    synchronized void sent(long totalShards, long totalBlocks, long nanos) {
        fade(nanos);
        sentShards += Math.max(0, totalShards - lastShards);
        sentBlocks += Math.max(0, totalBlocks - lastBlocks);
        lastShards = totalShards;
        lastBlocks = totalBlocks;
    }

    /** A client's report on one block, at {@code nanos}. */
    synchronized void report(FrameFecStatus status, long nanos) {
        fade(nanos);
        int lost = status.shardsLost();
        // the parity shards the client looked at: up to the one that completed the repair, or all of a lost block's
        int looked = status.unrecoverable() ? status.totalData() + status.totalParity()
                : status.receivedData() + status.receivedParity() + lost;
        sentShards += Math.max(0, looked - status.totalData());
        if (lost > 0) {
            lostShards += lost;
            lossyBlocks++;
            lostInLossyBlocks += lost;
        }
    }

    /** The loss rate seen, for an operator (no bound, no steps). */
    synchronized double rate() {
        return sentShards < 1 ? 0 : Math.min(1, lostShards / sentShards);
    }

    /** The loss to size parity for: none until the client reports a lost shard, and again once its losses faded. */
    synchronized LinkLoss design() {
        if (lostShards < FADED || sentShards < 1) {
            return LinkLoss.NONE;
        }
        double bound = (lostShards + BOUND_SIGMAS * Math.sqrt(lostShards) + BOUND_SIGMAS * BOUND_SIGMAS) / sentShards;
        double rate = Math.min(0.5, Math.ceil(bound / RATE_STEP) * RATE_STEP);
        return new LinkLoss(rate, burst());
    }

    private double burst() {
        if (lossyBlocks < BURST_EVIDENCE || sentBlocks < 1) {
            return 1;
        }
        double rate = lostShards / sentShards;
        double shardsPerBlock = Math.max(1, sentShards / sentBlocks);
        // what random loss at this rate puts in a block that lost anything
        double randomPerLossyBlock = shardsPerBlock * rate / -Math.expm1(shardsPerBlock * Math.log1p(-Math.min(rate, 0.99)));
        double clustering = lostInLossyBlocks / lossyBlocks / randomPerLossyBlock;
        return Math.clamp(Math.round(clustering / BURST_STEP) * BURST_STEP, 1, MAX_BURST);
    }

    private void fade(long nanos) {
        if (lastNanos != Long.MIN_VALUE && nanos > lastNanos) {
            double keep = Math.pow(0.5, (nanos - lastNanos) / (HALF_LIFE_SECONDS * 1e9));
            sentShards *= keep;
            sentBlocks *= keep;
            lostShards *= keep;
            lossyBlocks *= keep;
            lostInLossyBlocks *= keep;
        }
        if (nanos > lastNanos) {
            lastNanos = nanos;
        }
    }
}
