package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.video.FrameKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealGateTest {

    private final List<String> asked = new ArrayList<>();
    /** Session frame numbers run 1000 ahead of wire indexes; indexes under 10 are forgotten. */
    private final HealGate gate = new HealGate(new HealGate.Session() {
        @Override
        public void heal(long first, long last) {
            asked.add("heal " + first + "-" + last);
        }

        @Override
        public void requestKeyframe() {
            asked.add("keyframe");
        }
    }, index -> index < 10 ? -1 : index + 1000L);

    @Test
    void anInvalidationHealsTheSessionsFramesAndRepeatsOfItCostNothingOnceAHealingFrameWent() {
        gate.sent(1, FrameKind.IDR); // the start
        gate.framesLost(20, 20);
        assertEquals(List.of("heal 1020-1020"), asked);
        gate.framesLost(20, 21); // the client drops 21 waiting and says so before the healing frame reached it
        assertEquals(List.of("heal 1020-1020", "heal 1020-1021"), asked, "nothing heals 21 yet: asked again");
        gate.sent(23, FrameKind.INTRA_REFRESH);
        gate.framesLost(20, 22);
        assertEquals(2, asked.size(), "the wave from 23 heals everything before it");
        gate.framesLost(23, 23);
        assertEquals("heal 1023-1023", asked.getLast(), "the healing frame itself lost");
        gate.sent(25, FrameKind.REFERENCES_INVALIDATED);
        gate.framesLost(24, 24);
        assertEquals("heal 1024-1024", asked.getLast(), "an invalidation heals only what it was asked for");
        HealGate.Counts counts = gate.counts();
        assertEquals(3, counts.lossEvents(), "20-21, 23 and 24");
        assertEquals(1, counts.healedByIntraRefresh());
        assertEquals(1, counts.healedByInvalidation());
        assertEquals(1, counts.coalesced());
    }

    @Test
    void framesTooOldToNameGetAKeyframeAndIdrRequestsCountAsLosses() {
        gate.sent(1, FrameKind.IDR);
        gate.framesLost(5, 12);
        assertEquals(List.of("keyframe"), asked);
        gate.sent(14, FrameKind.IDR);
        gate.keyframeRequested();
        gate.keyframeRequested();
        gate.sent(17, FrameKind.IDR);
        HealGate.Counts counts = gate.counts();
        assertEquals(2, counts.lossEvents());
        assertEquals(2, counts.healedByKeyframe());
    }
}
