package io.lumen.testkit.capture;

import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A capture's sink for tests: the frames it delivers, in a queue the test takes them from (and releases them),
 * and the reason it gave if it said it ended.
 */
public final class RecordingFrameSink implements FrameSink {

    public final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    public final CompletableFuture<String> ended = new CompletableFuture<>();

    @Override
    public void accept(Frame frame) {
        frames.add(frame);
    }

    @Override
    public void ended(String reason) {
        ended.complete(reason);
    }
}
