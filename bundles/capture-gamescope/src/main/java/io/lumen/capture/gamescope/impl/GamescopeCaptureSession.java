package io.lumen.capture.gamescope.impl;

import io.lumen.api.capture.CaptureSession;
import io.lumen.capture.pipewire.OnceEndingSink;
import io.lumen.capture.pipewire.ProducedNodeSession;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The PipeWire stream of a gamescope node, and the launched gamescope behind it (if an app launch started one).
 * Closing ends the stream only: a launched gamescope belongs to its launch, which stops it at quit.
 * <p>
 * A launched gamescope that exits ends the capture at once, rather than after the pipewire capture's wait for a
 * departed node to come back. Its liveness is polled by a thread of this session rather than awaited through
 * {@link ProcessHandle#onExit()}: that would leave a callback of this bundle with the JDK until gamescope exits,
 * keeping an updated bundle's old revision alive.
 */
final class GamescopeCaptureSession extends ProducedNodeSession {

    private static final Duration EXIT_POLL = Duration.ofMillis(200);

    private final LaunchedGamescope launched;
    private final int node;
    private final String origin;
    private final OnceEndingSink sink;
    private final Consumer<GamescopeCaptureSession> onClose;

    /**
     * @param launched the gamescope an app launch started, or null when the node was given or looked up
     * @param origin   how the node was found ("advertised", "attach setting", "capture target")
     * @param sink     the stream's sink: told a launched gamescope's exit, silenced when lumen closes the capture
     */
    GamescopeCaptureSession(CaptureSession stream, LaunchedGamescope launched, int node, String origin,
                            OnceEndingSink sink, Consumer<GamescopeCaptureSession> onClose) {
        super(stream, sink);
        this.launched = launched;
        this.node = node;
        this.origin = origin;
        this.sink = sink;
        this.onClose = onClose;
        if (launched != null) {
            Thread.ofVirtual().name("lumen-gamescope-watch-" + node).start(this::watch);
        }
    }

    private void watch() {
        while (!isClosed()) {
            if (!launched.isAlive()) {
                if (!isClosed()) {
                    sink.ended(launched.describe() + " exited: " + launched.reason());
                }
                return;
            }
            try {
                Thread.sleep(EXIT_POLL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One line for {@code lumen:gamescope}. */
    String describe() {
        if (launched == null) {
            return "attached to node " + node + " (" + origin + ")";
        }
        String state = launched.state();
        return launched.describe() + ", launched for an app: node " + node
                + (state.startsWith("running") ? "" : ", " + state) + "; output in " + launched.output();
    }

    @Override
    protected void addProducerStats(Map<String, Object> stats) {
        stats.put("gamescope.node", node + " (" + origin + ")");
        if (launched != null) {
            launched.pid().ifPresent(pid -> stats.put("gamescope.pid", pid));
            stats.put("gamescope.state", launched.state());
        } else {
            stats.put("gamescope.state", "attached (not launched by lumen)");
        }
    }

    @Override
    protected void closeProducer() {
        onClose.accept(this);
    }
}
