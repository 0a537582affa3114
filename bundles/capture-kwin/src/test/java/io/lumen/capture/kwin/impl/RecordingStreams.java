package io.lumen.capture.kwin.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.capture.pipewire.PipeWireNode;
import io.lumen.capture.pipewire.PipeWireSource;
import io.lumen.capture.pipewire.PipeWireStreams;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands for capture-pipewire where the scripted compositor's node ids name no real node: it records which node
 * the KWin backend hands on and whether that stream is closed. The real handing-on is tested against real PipeWire
 * in KwinScriptedPipeWireTest and KwinRealTest.
 */
class RecordingStreams implements PipeWireStreams {

    record Opened(PipeWireSource source, FrameSink sink, AtomicBoolean closed) {
    }

    final BlockingQueue<Opened> opened = new LinkedBlockingQueue<>();
    volatile String refusal;

    @Override
    public CaptureSession open(PipeWireSource source, CaptureRequest request, FrameSink sink) throws BackendException {
        if (refusal != null) {
            throw new BackendException(refusal);
        }
        AtomicBoolean closed = new AtomicBoolean();
        opened.add(new Opened(source, sink, closed));
        return new CaptureSession() {
            @Override
            public Map<String, Object> stats() {
                return Map.of("node", source.node());
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
    }

    @Override
    public List<PipeWireNode> nodes(Optional<Path> socket) {
        return List.of();
    }

    @Override
    public String configuredDaemon() {
        return "the recording stand-in";
    }

    @Override
    public String availability() {
        return "available";
    }
}
