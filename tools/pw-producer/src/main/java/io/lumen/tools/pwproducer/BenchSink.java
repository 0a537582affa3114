package io.lumen.tools.pwproducer;

import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;
import io.lumen.capture.synthetic.pattern.FrameStamp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bench's end of the capture, on the capture's (PipeWire) thread: it records when each frame of the window
 * arrived, relative to its capture time, and passes it to the encoder. It reads a frame's stamp only when asked for a
 * {@link Mark}, so that the capture path's CPU is the capture's, not the bench's.
 */
final class BenchSink implements FrameSink {

    /**
     * A point in the stream: the frame there, and what had arrived by then.
     *
     * @param producerCounter the frame's own counter, painted by the producer: how many it had produced
     * @param delivered       frames the capture delivered up to and including this one
     */
    record Mark(long sequence, long producerCounter, long nanos, long delivered) {
    }

    private record MarkRequest(boolean opensWindow, CompletableFuture<Mark> result) {
    }

    private final EncoderFeed encoder;
    private final MeasuredWindow window;
    private final Latencies accepted = new Latencies();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicReference<MarkRequest> pendingMark = new AtomicReference<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();

    BenchSink(EncoderFeed encoder, MeasuredWindow window) {
        this.encoder = encoder;
        this.window = window;
    }

    @Override
    public void accept(Frame frame) {
        long now = System.nanoTime();
        long count = delivered.incrementAndGet();
        MarkRequest request = pendingMark.getAndSet(null);
        if (request != null) {
            mark(request, frame, now, count);
        }
        if (window.contains(frame.sequence())) {
            accepted.add(now - frame.captureNanos());
        }
        encoder.offer(frame);
    }

    private void mark(MarkRequest request, Frame frame, long now, long count) {
        try {
            FrameStamp stamp = BgrxStamp.read(frame).orElseThrow(
                    () -> new IllegalStateException("frame " + frame.sequence() + " carries no readable stamp"));
            if (request.opensWindow()) {
                window.open(frame.sequence());
            } else {
                window.close(frame.sequence());
            }
            request.result().complete(new Mark(frame.sequence(), stamp.counter(), now, count));
        } catch (RuntimeException e) {
            request.result().completeExceptionally(e);
        }
    }

    /** The next frame to arrive, opening or closing the window there. */
    CompletableFuture<Mark> markNext(boolean opensWindow) {
        MarkRequest request = new MarkRequest(opensWindow, new CompletableFuture<>());
        pendingMark.set(request);
        return request.result();
    }

    @Override
    public void ended(String reason) {
        ended.complete(reason);
    }

    /** The reason the capture ended, if it did. */
    CompletableFuture<String> endedReason() {
        return ended;
    }

    Latencies.Summary toSink() {
        return accepted.summary();
    }
}
