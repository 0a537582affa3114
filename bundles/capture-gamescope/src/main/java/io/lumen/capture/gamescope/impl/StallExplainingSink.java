package io.lumen.capture.gamescope.impl;

import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Passes frames through and, when the stream ends, says what gamescope had to do with it: a negotiation that stalls
 * against gamescope is almost always its known PipeWire deadlock, and a node that went away usually means gamescope
 * exited.
 */
final class StallExplainingSink implements FrameSink {

    static final String DEADLOCK = "gamescope versions before 3.16.22 deadlock their PipeWire thread under"
            + " PipeWire 1.6 (upstream fix e3ed1ea7); upgrade gamescope";

    private final FrameSink sink;
    private final Supplier<String> gamescopeState;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** @param gamescopeState what lumen knows of the gamescope behind the node, or null when it did not launch it */
    StallExplainingSink(FrameSink sink, Supplier<String> gamescopeState) {
        this.sink = sink;
        this.gamescopeState = gamescopeState;
    }

    @Override
    public void accept(Frame frame) {
        sink.accept(frame);
    }

    @Override
    public void ended(String reason) {
        // the stream and gamescope's own exit may both report the end: the session manager hears it once
        if (ended.compareAndSet(false, true)) {
            sink.ended(explain(reason, gamescopeState.get()));
        }
    }

    /** {@code reason} with gamescope's part in it: the deadlock when negotiation stalled, its exit when it exited. */
    static String explain(String reason, String gamescopeState) {
        String explained = isStall(reason) ? reason + "; " + DEADLOCK : reason;
        if (gamescopeState != null && gamescopeState.startsWith("exited") && !reason.startsWith("gamescope")) {
            explained += "; gamescope " + gamescopeState;
        }
        return explained;
    }

    /** The pipewire capture's words for a producer that never acknowledged the format or never sent a frame. */
    static boolean isStall(String reason) {
        return reason.contains("did not acknowledge the format") || reason.contains("no frame arrived");
    }
}
