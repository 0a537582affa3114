package io.lumen.testkit.moonlight;

import io.lumen.testkit.moonlight.HealRequest.InvalidateReferences;
import io.lumen.testkit.moonlight.HealRequest.Keyframe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's decisions after a loss, frame by frame, against moonlight-common-c's rules: what reaches the decoder,
 * which requests go to the host and how pending invalidation ranges merge.
 */
class HealingGateTest {

    private static final int P = 1;
    private static final int IDR = 2;
    private static final int INTRA_REFRESH = 4;
    private static final int INVALIDATED = 5;

    private final HealRequests requests = new HealRequests();
    private final List<Integer> decoded = new ArrayList<>();

    private HealingGate gate(boolean invalidation, boolean intraRefresh) {
        return new HealingGate(invalidation, intraRefresh, requests);
    }

    private void whole(HealingGate gate, int index, int type) {
        if (gate.admit(new ReceivedFrame(index, type, 0, 0, false, new byte[] {(byte) index}, 0))) {
            decoded.add(index);
        }
    }

    private List<HealRequest> sent() throws InterruptedException {
        return requests.take(Duration.ZERO);
    }

    @Test
    void withInvalidationALostFrameIsReportedAtOnceAndDecodingResumesAtAnInvalidatedFrame() throws Exception {
        HealingGate gate = gate(true, false);
        whole(gate, 1, IDR);
        whole(gate, 2, P);
        gate.lost(3);
        assertEquals(List.of(new InvalidateReferences(3, 3)), sent(), "right away, from the frame after the last decoded");
        whole(gate, 4, P);
        assertEquals(List.of(new InvalidateReferences(3, 4)), sent(), "a frame dropped while waiting grows the range");
        whole(gate, 5, INVALIDATED);
        whole(gate, 6, P);
        assertEquals(List.of(1, 2, 5, 6), decoded);
        assertEquals(List.of(), sent());
        assertEquals(1, gate.dropped);
        assertEquals(1, gate.invalidatedReferenceFrames);
    }

    @Test
    void rangesWaitingTogetherGoOutAsOne() throws Exception {
        HealingGate gate = gate(true, false);
        whole(gate, 1, IDR);
        gate.lost(2);
        whole(gate, 3, P);
        gate.lost(5); // frame 4 and 5 never came
        whole(gate, 6, P);
        assertEquals(List.of(new InvalidateReferences(2, 6)), sent(), "first start to last end, one request");
    }

    @Test
    void decodingResumesAtAnIntraRefreshFrameOrAnIdr() throws Exception {
        HealingGate gate = gate(true, false);
        whole(gate, 1, IDR);
        gate.lost(2);
        assertEquals(List.of(new InvalidateReferences(2, 2)), sent());
        whole(gate, 3, INTRA_REFRESH);
        gate.lost(4);
        assertEquals(List.of(new InvalidateReferences(4, 4)), sent(), "the window starts after the last decoded");
        whole(gate, 5, IDR);
        assertEquals(List.of(1, 3, 5), decoded);
        assertEquals(2, gate.keyframes);
    }

    @Test
    void withoutInvalidationTheClientAsksForOneIdrAtTheNextWholeFrameAndDropsUntilItComes() throws Exception {
        HealingGate gate = gate(false, false);
        whole(gate, 1, IDR);
        whole(gate, 2, P);
        gate.lost(3);
        assertEquals(List.of(), sent(), "not while the loss is going on");
        whole(gate, 4, P);
        assertEquals(List.of(new Keyframe()), sent(), "at the first whole frame after the loss");
        whole(gate, 5, P);
        whole(gate, 6, INVALIDATED);
        whole(gate, 7, INTRA_REFRESH);
        assertEquals(List.of(), sent(), "once");
        whole(gate, 8, IDR);
        whole(gate, 9, P);
        assertEquals(List.of(1, 2, 8, 9), decoded);
        assertEquals(4, gate.dropped);
    }

    @Test
    void aFrameTheNetworkLostWithoutANoticeIsSeenAtTheGap() throws Exception {
        HealingGate gate = gate(false, false);
        whole(gate, 1, IDR);
        whole(gate, 3, P);
        assertEquals(List.of(new Keyframe()), sent());
        whole(gate, 4, IDR);
        assertEquals(List.of(1, 4), decoded);
    }

    @Test
    void theIdrAfterTheLossNeedsNoRequest() throws Exception {
        HealingGate gate = gate(false, false);
        whole(gate, 1, IDR);
        gate.lost(2);
        whole(gate, 3, IDR);
        assertEquals(List.of(), sent());
        assertEquals(List.of(1, 3), decoded);
    }

    @Test
    void invalidationNeedsADecodedIdrFirst() throws Exception {
        HealingGate gate = gate(true, false);
        whole(gate, 1, P);
        gate.lost(2);
        whole(gate, 3, INVALIDATED);
        assertEquals(List.of(new Keyframe()), sent(), "no IDR decoded yet: the client waits for one");
        assertEquals(List.of(), decoded);
    }

    @Test
    void aClientThatAskedForIntraRefreshEndsItsIdrWaitAtAnIntraRefreshFrame() throws Exception {
        HealingGate gate = gate(false, true);
        whole(gate, 1, IDR);
        gate.lost(2);
        whole(gate, 3, INTRA_REFRESH);
        whole(gate, 4, P);
        assertEquals(List.of(1, 3, 4), decoded);
        assertEquals(List.of(), sent());
        assertEquals(1, gate.intraRefreshFrames);
    }

    @Test
    void tooManyRangesWaitingOrTooManyDropsBecomeAnIdrRequest() throws Exception {
        for (int i = 0; i <= HealRequests.PENDING_RANGES_LIMIT; i++) {
            requests.invalidate(i, i);
        }
        assertEquals(List.of(new Keyframe()), sent(), "the ranges waiting are pointless after an IDR request");

        HealingGate gate = gate(true, false);
        whole(gate, 1, IDR);
        gate.lost(2);
        sent();
        int frame = 3; // the loss counted as the first drop, so the 119th frame dropped after it is the limit
        while (frame < 3 + HealingGate.CONSECUTIVE_DROP_LIMIT - 2) {
            whole(gate, frame++, P);
            List<HealRequest> now = sent();
            assertFalse(now.contains(new Keyframe()), "frame " + frame + ": " + now);
        }
        whole(gate, frame, P);
        assertTrue(sent().contains(new Keyframe()), "after " + HealingGate.CONSECUTIVE_DROP_LIMIT + " drops in a row");
        assertEquals(List.of(1), decoded);
    }
}
