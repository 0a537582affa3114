package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.control.FrameFecStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdaptiveFecTest {

    private static final long MS = 1_000_000L;

    /** A block of 10 data and 2 parity shards of which {@code received} arrived. */
    private static FrameFecStatus report(int receivedData, int receivedParity) {
        return new FrameFecStatus(1, 0, 0, 0, 10, 2, receivedData, receivedParity, 20, 0, 1);
    }

    @Test
    void aLostFrameRaisesTheParityOneStepAtATimeUpToTheCeiling() {
        AdaptiveFec fec = new AdaptiveFec(20, 50);
        assertEquals(30, fec.report(report(7, 2), 0), "3 lost of 2 parity: the frame was gone");
        assertEquals(30, fec.report(report(7, 2), 100 * MS), "not twice within half a second");
        assertEquals(40, fec.report(report(8, 1), 600 * MS), "3 lost, past repair again");
        assertEquals(50, fec.report(report(7, 0), 1200 * MS));
        assertEquals(50, fec.report(report(7, 0), 1800 * MS), "never above the ceiling");
    }

    @Test
    void aComfortableRepairChangesNothingButANearMissRaises() {
        AdaptiveFec fec = new AdaptiveFec(20, 50);
        assertEquals(20, fec.report(new FrameFecStatus(1, 0, 0, 1, 10, 4, 9, 4, 40, 0, 1), 0),
                "1 of 4 parity used");
        assertEquals(20, fec.report(new FrameFecStatus(2, 0, 0, 1, 10, 4, 9, 1, 40, 0, 1), MS),
                "1 missing; the client repaired at the 10th shard and never saw the last 3 parity shards come");
        assertEquals(30, fec.report(new FrameFecStatus(3, 0, 0, 3, 10, 4, 7, 4, 40, 0, 1), 2 * MS),
                "3 of 4 parity used: one more and the frame was gone");
    }

    @Test
    void quietTimeBringsItBackDownToTheBase() {
        AdaptiveFec fec = new AdaptiveFec(20, 50);
        fec.report(report(7, 2), 0);
        fec.report(report(7, 2), 600 * MS);
        assertEquals(40, fec.tick(9_000 * MS), "not yet 10 s quiet");
        assertEquals(35, fec.tick(10_600 * MS));
        assertEquals(35, fec.tick(15_000 * MS), "one step per quiet spell");
        assertEquals(30, fec.tick(20_600 * MS));
        assertEquals(25, fec.tick(30_600 * MS));
        assertEquals(20, fec.tick(40_600 * MS));
        assertEquals(20, fec.tick(90_000 * MS), "never below the base");
    }
}
