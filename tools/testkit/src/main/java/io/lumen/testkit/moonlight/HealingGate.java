package io.lumen.testkit.moonlight;

/**
 * What a Moonlight client's depacketizer lets through to its decoder after a loss, by moonlight-common-c's rules
 * (VideoDepacketizer.c), written from the client's side:
 * <ul>
 *   <li>the decoder starts on an IDR: whole frames before the first one are dropped;</li>
 *   <li>a lost frame (the reassembly gave it up, or a whole frame arrives after a gap in the frame indexes) drops
 *       the decoder's state. With reference frame invalidation in effect (the decoder can, the host's DESCRIBE
 *       offers it) and an IDR already decoded, the client asks the host right away to invalidate the frames from
 *       the first one after the last frame it decoded to the lost one, and drops whole frames, asking again with
 *       the range grown to each, until a frame of type 2 (IDR), 4 (intra refresh) or 5 (P with references
 *       invalidated) arrives. Otherwise it waits for an IDR, asking for one only at the first whole frame after
 *       the loss (a request in the middle of the loss would add to the congestion), and drops frames until
 *       the IDR comes;</li>
 *   <li>after 120 frames dropped in a row it asks for an IDR whatever the mode.</li>
 * </ul>
 * A client that asked for intra refresh also ends an IDR wait at a frame of type 4 once it has decoded an IDR: the
 * stock client does not (it leaves an IDR wait only on an IDR, and never asks for intra refresh). IDRs are known by
 * the frame header's type; the stock client finds them in the H.264/HEVC bitstream instead. Not thread-safe: the
 * receive thread drives it.
 */
final class HealingGate {

    static final int CONSECUTIVE_DROP_LIMIT = 120;
    static final int FRAME_TYPE_IDR = 2;
    static final int FRAME_TYPE_INTRA_REFRESH = 4;
    static final int FRAME_TYPE_REFERENCES_INVALIDATED = 5;

    private final boolean heals;
    private final boolean referenceInvalidation;
    private final boolean intraRefreshEndsKeyframeWait;
    private final HealRequests requests;
    private int nextFrame = 1;
    /** The first frame an invalidation would name: the one after the last frame handed to the decoder. */
    private int windowStart;
    private boolean keyframeDecoded;
    private boolean awaitingKeyframe = true;
    private boolean awaitingRecoveryFrame;
    private boolean awaitingNextWholeFrame;
    private int consecutiveDrops;
    long dropped;
    long keyframes;
    long intraRefreshFrames;
    long invalidatedReferenceFrames;

    HealingGate(boolean referenceInvalidation, boolean intraRefreshEndsKeyframeWait, HealRequests requests) {
        this(true, referenceInvalidation, intraRefreshEndsKeyframeWait, requests);
    }

    private HealingGate(boolean heals, boolean referenceInvalidation, boolean intraRefreshEndsKeyframeWait,
                        HealRequests requests) {
        this.heals = heals;
        this.referenceInvalidation = referenceInvalidation;
        this.intraRefreshEndsKeyframeWait = intraRefreshEndsKeyframeWait;
        this.requests = requests;
    }

    /** A gate that only counts: every whole frame goes on, no request is made (the reassembly alone). */
    static HealingGate passingEverything() {
        return new HealingGate(false, false, false, new HealRequests());
    }

    /** The reassembly gave up the frames up to {@code lastLost}: ask for an invalidation now if that is the mode. */
    void lost(int lastLost) {
        if (!heals) {
            return;
        }
        dropState();
        if (!awaitingKeyframe) {
            nextFrame = lastLost + 1;
            requests.invalidate(Integer.toUnsignedLong(windowStart), Integer.toUnsignedLong(lastLost));
        }
    }

    /** A whole frame; true when it goes on to the decoder, false when it is dropped while the client heals. */
    boolean admit(ReceivedFrame frame) {
        int index = frame.frameIndex();
        int type = frame.frameType();
        keyframes += type == FRAME_TYPE_IDR ? 1 : 0;
        intraRefreshFrames += type == FRAME_TYPE_INTRA_REFRESH ? 1 : 0;
        invalidatedReferenceFrames += type == FRAME_TYPE_REFERENCES_INVALIDATED ? 1 : 0;
        if (!heals) {
            return true;
        }
        if (Integer.compareUnsigned(index, nextFrame) < 0) {
            dropped++; // a frame the client already told the host it lost
            return false;
        }
        if (index != nextFrame) {
            awaitingNextWholeFrame = true;
            dropState();
        }
        nextFrame = index + 1;
        if (type == FRAME_TYPE_IDR) {
            awaitingKeyframe = false;
            awaitingNextWholeFrame = false;
        }
        if (awaitingRecoveryFrame && (type == FRAME_TYPE_IDR || type == FRAME_TYPE_INTRA_REFRESH
                || type == FRAME_TYPE_REFERENCES_INVALIDATED)) {
            awaitingRecoveryFrame = false;
            awaitingNextWholeFrame = false;
        }
        if (intraRefreshEndsKeyframeWait && keyframeDecoded && type == FRAME_TYPE_INTRA_REFRESH) {
            awaitingKeyframe = false;
            awaitingNextWholeFrame = false;
        }
        if (awaitingKeyframe || awaitingRecoveryFrame) {
            if (awaitingKeyframe) {
                if (awaitingNextWholeFrame) {
                    requests.keyframe();
                }
            } else {
                requests.invalidate(Integer.toUnsignedLong(windowStart), Integer.toUnsignedLong(index));
            }
            awaitingNextWholeFrame = false;
            dropState();
            dropped++;
            return false;
        }
        keyframeDecoded |= type == FRAME_TYPE_IDR;
        consecutiveDrops = 0;
        windowStart = nextFrame;
        return true;
    }

    private void dropState() {
        if (!referenceInvalidation || !keyframeDecoded || awaitingKeyframe) {
            awaitingKeyframe = true;
        } else {
            awaitingRecoveryFrame = true;
        }
        if (++consecutiveDrops == CONSECUTIVE_DROP_LIMIT) {
            consecutiveDrops = 0;
            awaitingKeyframe = true;
            requests.keyframe();
        }
    }
}
