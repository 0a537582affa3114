package io.lumen.capture.gamescope.impl;

import io.lumen.api.capture.CaptureSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The PipeWire stream of a gamescope node, and the gamescope lumen launched for it (if it did). Closing ends the
 * stream first, so no frame arrives from a dying compositor, then gamescope and its app.
 */
final class GamescopeCaptureSession implements CaptureSession {

    private final CaptureSession stream;
    private final GamescopeProcess launched;
    private final int node;
    private final String origin;
    private final Consumer<GamescopeCaptureSession> onClose;
    private boolean closed;

    /**
     * @param launched the gamescope lumen started for this session, or null when it attached to one
     * @param origin   how the node was found ("advertised", "attach setting", "registry")
     */
    GamescopeCaptureSession(CaptureSession stream, GamescopeProcess launched, int node, String origin,
                            Consumer<GamescopeCaptureSession> onClose) {
        this.stream = stream;
        this.launched = launched;
        this.node = node;
        this.origin = origin;
        this.onClose = onClose;
    }

    int node() {
        return node;
    }

    /** One line for {@code lumen:gamescope}. */
    String describe() {
        if (launched == null) {
            return "attached to node " + node + " (" + origin + ")";
        }
        return "pid " + launched.pid() + ", node " + node + ", " + launched.state() + ": " + launched.command();
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>(stream.stats());
        stats.put("gamescope.node", node + " (" + origin + ")");
        if (launched != null) {
            stats.put("gamescope.pid", launched.pid());
            stats.put("gamescope.state", launched.state());
            stats.put("gamescope.command", launched.command());
        } else {
            stats.put("gamescope.state", "attached (not launched by lumen)");
        }
        return stats;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            stream.close();
        } finally {
            if (launched != null) {
                launched.close();
            }
            onClose.accept(this);
        }
    }
}
