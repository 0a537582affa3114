package io.lumen.capture.gamescope.impl;

/**
 * What gamescope had to do with a stream's end: a negotiation that stalls against gamescope is almost always its
 * known PipeWire deadlock, and a node that went away usually means gamescope exited.
 */
final class StallExplanation {

    static final String DEADLOCK = "gamescope versions before 3.16.22 deadlock their PipeWire thread under"
            + " PipeWire 1.6 (upstream fix e3ed1ea7); upgrade gamescope";

    private StallExplanation() {
    }

    /**
     * {@code reason} with gamescope's part in it: the deadlock when negotiation stalled, its exit when it exited.
     *
     * @param gamescopeState what lumen knows of the gamescope behind the node, or null when no launch started it
     */
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
