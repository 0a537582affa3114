package io.lumen.capture.kwin.impl;

import io.lumen.api.capture.CaptureSession;
import io.lumen.capture.pipewire.OnceEndingSink;
import io.lumen.capture.pipewire.ProducedNodeSession;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A KWin screencast stream, its Wayland connection, and the PipeWire capture of the node KWin created. The end is
 * reported once, whichever side sees it first (KWin's closed or failed event, the connection's loss, or
 * capture-pipewire losing the node), and never after lumen itself closed the capture. Closing ends the PipeWire
 * stream first, then sends the KWin stream's destructor, which makes KWin remove a virtual output.
 */
final class KwinCaptureSession extends ProducedNodeSession {

    private static final System.Logger LOG = System.getLogger("lumen.capture.kwin");

    private final KwinScreencast connection;
    private final ScreencastStream stream;
    private final int node;
    private final Consumer<KwinCaptureSession> onClose;

    KwinCaptureSession(KwinScreencast connection, ScreencastStream stream, CaptureSession pipewire,
                       OnceEndingSink sink, int node, Consumer<KwinCaptureSession> onClose) {
        super(pipewire, sink);
        this.connection = connection;
        this.stream = stream;
        this.node = node;
        this.onClose = onClose;
        stream.ended().thenAccept(sink::ended);
    }

    /** One line for {@code lumen:kwin}. */
    String describe() {
        return stream.kind() + ": " + stream.state() + " on " + connection.display();
    }

    @Override
    protected void addProducerStats(Map<String, Object> stats) {
        stats.put("kwin.stream", stream.kind());
        stats.put("kwin.node", Integer.toUnsignedString(node));
        stats.put("kwin.state", stream.state());
        stats.put("kwin.display", connection.display());
    }

    @Override
    protected void closeProducer() {
        // the destructor first: KWin removes a virtual output when its stream is closed, not when lumen hangs up
        stream.close();
        connection.close();
        onClose.accept(this);
    }

    @Override
    public void close() {
        if (closeOnce()) {
            LOG.log(System.Logger.Level.INFO, "KWin capture closed: " + stream.kind());
        }
    }
}
