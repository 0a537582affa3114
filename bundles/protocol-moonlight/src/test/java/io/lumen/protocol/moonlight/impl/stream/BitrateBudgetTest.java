package io.lumen.protocol.moonlight.impl.stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BitrateBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    private long wire;
    private long video;
    private long now;

    /** A second in which the encoder makes {@code videoKbps} and the wire carries {@code overhead} times that. */
    private int second(BitrateBudget budget, double videoKbps, double overhead) {
        now += SECOND;
        video += (long) (videoKbps * 1000 / 8);
        wire += (long) (videoKbps * overhead * 1000 / 8);
        return budget.update(wire, video, now);
    }

    @Test
    void growingParityLowersTheEncoderSoTheWireStaysInTheBudget() {
        BitrateBudget budget = new BitrateBudget(10_000, 8_000);
        second(budget, 8_000, 1.25);
        assertEquals(8_000, budget.encoderKbps(), "today's overhead: no change");
        for (int s = 0; s < 10; s++) {
            second(budget, budget.encoderKbps(), 1.6);
        }
        assertEquals(10_000 / 1.6, budget.encoderKbps(), 10_000 * 0.04, "parity at 60%");
        assertTrue(budget.encoderKbps() * 1.6 <= 10_000 * 1.05, "the wire within 5% of the budget");
        for (int s = 0; s < 10; s++) {
            second(budget, budget.encoderKbps(), 1.2);
        }
        assertEquals(10_000 / 1.2, budget.encoderKbps(), 10_000 * 0.04, "back up as the parity shrinks");
    }

    @Test
    void anIdleEncoderTellsNothing() {
        BitrateBudget budget = new BitrateBudget(10_000, 8_000);
        for (int s = 0; s < 5; s++) {
            assertEquals(0, second(budget, 500, 4), "small frames carry much parity, but the encoder is idle");
        }
        assertEquals(8_000, budget.encoderKbps());
    }

    @Test
    void smallChangesAreLeftAlone() {
        BitrateBudget budget = new BitrateBudget(10_000, 8_000);
        second(budget, 8_000, 1.25);
        assertEquals(0, second(budget, 8_000, 1.27));
    }
}
