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
 * @param stall  from the last picture sent before the swap to the first keyframe after it; empty until that
 *               keyframe was sent
 */
public record SwapEvent(BackendRole role, String from, String to, String reason, Instant at, Optional<Duration> stall) {
}
