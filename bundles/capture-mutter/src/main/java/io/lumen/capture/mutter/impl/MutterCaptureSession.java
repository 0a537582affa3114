package io.lumen.capture.mutter.impl;

import io.lumen.api.capture.CaptureSession;
import io.lumen.capture.pipewire.OnceEndingSink;
import io.lumen.capture.pipewire.ProducedNodeSession;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Mutter cast and the PipeWire capture of its node, for one lumen session. The end is reported once, whichever
 * side sees it first (Mutter closing the session or leaving the bus, the bus going away, capture-pipewire losing
 * the node), and never after lumen closed the capture itself. Closing ends the PipeWire stream first, then the
 * Mutter sessions, which removes a virtual monitor.
 */
final class MutterCaptureSession extends ProducedNodeSession {

    private final MutterCast cast;
    private final MutterInput input;
    private final Optional<String> sessionId;
    private final String description;
    private final Consumer<MutterCaptureSession> onClose;

    MutterCaptureSession(MutterCast cast, CaptureSession pipewire, OnceEndingSink sink, MutterInput input,
                         Optional<String> sessionId, String description, Consumer<MutterCaptureSession> onClose) {
        super(pipewire, sink);
        this.cast = cast;
        this.input = input;
        this.sessionId = sessionId;
        this.description = description;
        this.onClose = onClose;
        cast.ended().thenAccept(sink::ended);
    }

    Optional<String> sessionId() {
        return sessionId;
    }

    MutterInput input() {
        return input;
    }

    MutterCast cast() {
        return cast;
    }

    /** One line for {@code lumen:mutter}. */
    String describe() {
        return description + ", node " + Integer.toUnsignedString(cast.node()) + ", stream " + cast.streamPath()
                + sessionId.map(id -> ", lumen session " + id).orElse("") + (cast.isLive() ? ""
                : ", ended: " + cast.ended().getNow(""));
    }

    @Override
    protected void addProducerStats(Map<String, Object> stats) {
        stats.put("mutter.target", cast.target().describe());
        stats.put("mutter.node", Integer.toUnsignedString(cast.node()));
        stats.put("mutter.stream", cast.streamPath());
        stats.put("mutter.remote-desktop", cast.remoteDesktopPath());
        stats.put("mutter.input-dropped", input.dropped());
    }

    @Override
    protected void closeProducer() {
        cast.close();
        onClose.accept(this);
    }
}
