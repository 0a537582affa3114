package io.lumen.capture.pipewire;

import io.lumen.api.capture.CaptureSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The capture session of a bundle whose producer made the node it streams (a KWin screencast, a Mutter or portal
 * cast): the stream {@link PipeWireStreams#open} gave, the producer's side, and the stats of both. Closing happens
 * once: the sink is silenced so lumen's own close is not reported as a loss, the PipeWire stream ends first, then
 * the producer's side, even when the stream did not close cleanly.
 */
public abstract class ProducedNodeSession implements CaptureSession {

    private final CaptureSession stream;
    private final OnceEndingSink sink;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** @param stream what {@link PipeWireStreams#open} returned for the node, fed into {@code sink} */
    protected ProducedNodeSession(CaptureSession stream, OnceEndingSink sink) {
        this.stream = stream;
        this.sink = sink;
    }

    /** The producer's own figures, put after the stream's. */
    protected abstract void addProducerStats(Map<String, Object> stats);

    /** Ends the producer's side once the PipeWire stream is closed (or failed to close). */
    protected abstract void closeProducer();

    protected final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>(stream.stats());
        addProducerStats(stats);
        return stats;
    }

    /** Closes both sides unless already closed; true for the call that closed them. */
    protected final boolean closeOnce() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        sink.silence();
        try {
            stream.close();
        } finally {
            closeProducer();
        }
        return true;
    }

    @Override
    public void close() {
        closeOnce();
    }
}
