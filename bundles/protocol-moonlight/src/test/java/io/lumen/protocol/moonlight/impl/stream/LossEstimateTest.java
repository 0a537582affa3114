package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.control.FrameFecStatus;
import io.lumen.protocol.moonlight.impl.video.LinkLoss;
import io.lumen.testkit.loss.BurstLoss;
import io.lumen.testkit.loss.LossModel;
import io.lumen.testkit.loss.RandomLoss;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimate against a simulated stream: blocks of 15 data and 4 parity shards through a seeded loss model, each
 * block that needed a repair reported as moonlight-common-c reports it (missing before the highest shard that came,
 * or all it lacked when the block was lost), the data shards sent told as the video stream tells them.
 */
class LossEstimateTest {

    private static final long FRAME_NANOS = 16_666_667L;
    private static final int DATA = 15;
    private static final int PARITY = 4;

    private long shards;
    private long blocks;
    private long now;

    /** Streams {@code seconds} of one-block frames at 60 fps through {@code model} into {@code estimate}. */
    private void stream(LossEstimate estimate, LossModel model, int seconds) {
        for (int frame = 0; frame < 60 * seconds; frame++) {
            now += FRAME_NANOS;
            boolean[] lost = new boolean[DATA + PARITY];
            int lostCount = 0;
            for (int i = 0; i < lost.length; i++) {
                lost[i] = model != null && model.drop();
                lostCount += lost[i] ? 1 : 0;
            }
            shards += DATA;
            blocks++;
            estimate.sent(shards, blocks, now);
            FrameFecStatus report = lostCount > 0 ? clientReport(lost) : null;
            if (report != null) {
                estimate.report(report, now);
            }
        }
    }

    /**
     * What the client reports: it rebuilds as soon as it holds DATA shards and counts gaps up to there; a block whose
     * data shards all came needs no repair and is not reported (null).
     */
    private static FrameFecStatus clientReport(boolean[] lost) {
        int received = 0;
        int missing = 0;
        int receivedData = 0;
        for (int i = 0; i < lost.length && received < DATA; i++) {
            if (lost[i]) {
                missing++;
            } else {
                received++;
                receivedData += i < DATA ? 1 : 0;
            }
        }
        if (receivedData == DATA) {
            return null;
        }
        if (received < DATA) {
            missing = 0; // the block was lost: the report counts everything it lacked
        }
        return new FrameFecStatus(1, 0, 0, missing, DATA, PARITY, receivedData, received - receivedData, 26, 0, 1);
    }

    @Test
    void aQuietLinkAsksForNothing() {
        LossEstimate estimate = new LossEstimate();
        stream(estimate, null, 5);
        assertEquals(LinkLoss.NONE, estimate.design());
        assertEquals(0, estimate.rate());
    }

    @Test
    void randomLossIsBoundedFromAboveAndNotTakenForBursts() {
        LossEstimate estimate = new LossEstimate();
        stream(estimate, new RandomLoss(0.05, 7), 10);
        LinkLoss design = estimate.design();
        assertTrue(design.rate() >= 0.05 && design.rate() <= 0.075, "sized for " + design);
        assertEquals(1, design.meanBurst(), 0.5, "random loss: " + design);
        assertEquals(0.05, estimate.rate(), 0.012, "seen");
    }

    @Test
    void burstsShowAsRuns() {
        LossEstimate estimate = new LossEstimate();
        stream(estimate, new BurstLoss(0.02, 3, 11), 20);
        LinkLoss design = estimate.design();
        assertTrue(design.rate() >= 0.02 && design.rate() <= 0.04, "sized for " + design);
        assertTrue(design.meanBurst() >= 2, "runs of three seen as " + design);
    }

    @Test
    void theEstimateFadesWhenTheLossStops() {
        LossEstimate estimate = new LossEstimate();
        stream(estimate, new RandomLoss(0.1, 3), 5);
        assertTrue(estimate.design().rate() >= 0.1, "sized for " + estimate.design());
        stream(estimate, null, 8);
        assertTrue(estimate.design().rate() < 0.03, "two half-lives later: " + estimate.design());
        stream(estimate, null, 30);
        assertEquals(LinkLoss.NONE, estimate.design(), "quiet again");
    }
}
