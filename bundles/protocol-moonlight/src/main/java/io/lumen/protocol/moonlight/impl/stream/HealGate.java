package io.lumen.protocol.moonlight.impl.stream;

import io.lumen.protocol.moonlight.impl.video.FrameKind;

import java.util.function.IntToLongFunction;

/**
 * Turns a client's losses into healing requests to the session, and counts how each loss healed. A client that
 * invalidates references names the frames it lost; one that cannot only asks for an IDR. An invalidation that a frame
 * already sent heals (an IDR or the start of an intra refresh wave after the last lost frame: the client resumes
 * there) is answered by nothing, so a loss costs one healing frame however often the client repeats it while it waits,
 * as moonlight-common-c does for each frame it drops. Frames lost are healed in the session's numbers; a frame too old
 * to be named gets a keyframe.
 */
final class HealGate {

    /** Where healing requests go: the stream's session. */
    interface Session {
        void heal(long firstFrameNumber, long lastFrameNumber);

        void requestKeyframe();
    }

    /** What the gate counted. */
    record Counts(long lossEvents, long coalesced, long healedByKeyframe, long healedByIntraRefresh,
                  long healedByInvalidation) {
    }

    private final Session session;
    private final IntToLongFunction frameNumbers;
    /** The index of the last frame sent that heals any loss before it, -1 before the first. */
    private long lastUniversalHealer = -1;
    /** A loss no healing frame has answered yet. */
    private boolean lossPending;
    private long lossEvents;
    private long coalesced;
    private final long[] healedBy = new long[FrameKind.values().length];

    /** {@code frameNumbers} gives the session's number of a frame sent, -1 when it is not known. */
    HealGate(Session session, IntToLongFunction frameNumbers) {
        this.session = session;
        this.frameNumbers = frameNumbers;
    }

    /** A client's invalidation request for wire frames {@code first} to {@code last}. */
    void framesLost(long first, long last) {
        synchronized (this) {
            if (lastUniversalHealer > last) {
                coalesced++;
                return;
            }
            if (!lossPending) {
                lossEvents++;
                lossPending = true;
            }
        }
        long from = frameNumbers.applyAsLong((int) first);
        long to = frameNumbers.applyAsLong((int) last);
        if (from < 0 || to < 0 || to < from) {
            session.requestKeyframe();
        } else {
            session.heal(from, to);
        }
    }

    /** A client's IDR request after a loss: it resumes at nothing else. */
    void keyframeRequested() {
        synchronized (this) {
            if (!lossPending) {
                lossEvents++;
                lossPending = true;
            }
        }
        session.requestKeyframe();
    }

    /** A frame that heals went out (on the encode thread). */
    synchronized void sent(int frameIndex, FrameKind kind) {
        if (kind == FrameKind.IDR || kind == FrameKind.INTRA_REFRESH) {
            lastUniversalHealer = Math.max(lastUniversalHealer, frameIndex);
        }
        if (lossPending) {
            lossPending = false;
            healedBy[kind.ordinal()]++;
        }
    }

    synchronized Counts counts() {
        return new Counts(lossEvents, coalesced, healedBy[FrameKind.IDR.ordinal()],
                healedBy[FrameKind.INTRA_REFRESH.ordinal()], healedBy[FrameKind.REFERENCES_INVALIDATED.ordinal()]);
    }
}
