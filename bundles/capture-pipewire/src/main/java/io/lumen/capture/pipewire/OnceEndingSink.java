package io.lumen.capture.pipewire;

import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The sink a node-finding bundle hands to {@link PipeWireStreams#open} when it also watches the node's producer
 * itself (gamescope exiting, KWin's closed event): frames pass through, and of the ends both sides may report, the
 * session's sink hears only the first, in the bundle's words, and none once lumen closed the capture itself.
 */
public final class OnceEndingSink implements FrameSink {

    private final FrameSink sink;
    private final UnaryOperator<String> explain;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** @param explain the reason as the session is to hear it: what the bundle knows of why the stream ended */
    public OnceEndingSink(FrameSink sink, UnaryOperator<String> explain) {
        this.sink = sink;
        this.explain = explain;
    }

    @Override
    public void accept(Frame frame) {
        sink.accept(frame);
    }

    @Override
    public void ended(String reason) {
        if (ended.compareAndSet(false, true)) {
            sink.ended(explain.apply(reason));
        }
    }

    /** No end is reported after this: the capture is being closed by lumen, not lost. */
    public void silence() {
        ended.set(true);
    }
}
