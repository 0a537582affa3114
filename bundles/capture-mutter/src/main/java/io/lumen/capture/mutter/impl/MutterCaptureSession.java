package io.lumen.capture.mutter.impl;

import io.lumen.api.capture.CaptureSession;
import io.lumen.capture.pipewire.OnceEndingSink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A Mutter cast and the PipeWire capture of its node, for one lumen session. The end is reported once, whichever
 * side sees it first (Mutter closing the session or leaving the bus, the bus going away, capture-pipewire losing
 * the node), and never after lumen closed the capture itself. Closing ends the PipeWire stream first, then the
 * Mutter sessions, which removes a virtual monitor.
 */
final class MutterCaptureSession implements CaptureSession {

    private final MutterCast cast;
    private final CaptureSession pipewire;
    private final OnceEndingSink sink;
    private final MutterInput input;
    private final Optional<String> sessionId;
    private final String description;
    private final Consumer<MutterCaptureSession> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    MutterCaptureSession(MutterCast cast, CaptureSession pipewire, OnceEndingSink sink, MutterInput input,
                         Optional<String> sessionId, String description, Consumer<MutterCaptureSession> onClose) {
        this.cast = cast;
        this.pipewire = pipewire;
        this.sink = sink;
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
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>(pipewire.stats());
        stats.put("mutter.target", cast.target().describe());
        stats.put("mutter.node", Integer.toUnsignedString(cast.node()));
        stats.put("mutter.stream", cast.streamPath());
        stats.put("mutter.remote-desktop", cast.remoteDesktopPath());
        stats.put("mutter.input-dropped", input.dropped());
        return stats;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sink.silence();
        try {
            pipewire.close();
        } finally {
            cast.close();
            onClose.accept(this);
        }
    }
}
