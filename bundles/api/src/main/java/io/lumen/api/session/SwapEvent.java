package io.lumen.api.session;

import io.lumen.api.backend.BackendRole;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One backend replacement inside a live session.
 *
 * @param from   the departing backend's id, or "none" when the role had no backend
 * @param to     the new backend's id, or "none" when nothing could replace it yet
 * @param reason why ("bundle io.lumen.encode.java stopped", "pinned by configuration", "higher ranking")
 * @param stall  for a video swap, from the last picture sent before the swap to the first keyframe after it (its
 *               last packet, when the sink reports sending: see {@code timing}); empty until that keyframe was sent
 * @param timing where the ends of {@code stall} were taken
 */
public record SwapEvent(BackendRole role, String from, String to, String reason, Instant at, Optional<Duration> stall,
                        StallTiming timing) {

    /** Where a stall's ends were taken, so a figure says whether it is what the client saw. */
    public enum StallTiming {
        /** When the last packet of a picture left the host: what the client sees, but for the network. */
        SENT,
        /**
         * When a picture (or audio packet, or the input handover) was handed on: the sink does not report sending
         * (a recording), or the role is not video. A client sees more: the keyframe still has to be paced and sent.
         */
        HANDED_ON
    }

    public SwapEvent {
        if (timing == null) {
            timing = StallTiming.HANDED_ON;
        }
    }

    /** A swap whose stall is timed where pictures were handed on. */
    public SwapEvent(BackendRole role, String from, String to, String reason, Instant at, Optional<Duration> stall) {
        this(role, from, to, reason, at, stall, StallTiming.HANDED_ON);
    }
}
