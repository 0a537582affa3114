package io.lumen.tools.pwproducer;

import io.lumen.api.backend.BackendException;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Frame;
import io.lumen.session.impl.pipeline.LatestFrameSlot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An encoder on a thread of its own fed as the session manager feeds it: through a {@link LatestFrameSlot}, where a
 * new frame replaces one the encoder has not taken yet. It records, for frames inside the window, the time from the
 * frame's capture time to the encoder starting on it and to its access unit coming out.
 */
final class EncoderFeed implements AutoCloseable {

    /** x264's workers are created by the thread that opens the encoder and carry its name: CPU by name adds them up. */
    static final String THREAD_NAME = "bench-encoder";

    private final LatestFrameSlot slot = new LatestFrameSlot();
    private final MeasuredWindow window;
    private final Latencies started = new Latencies();
    private final Latencies encoded = new Latencies();
    private final AtomicLong takenInWindow = new AtomicLong();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String failure;

    private EncoderFeed(EncoderBackend backend, EncoderConfig config, MeasuredWindow window) {
        this.window = window;
        this.thread = Thread.ofPlatform().name(THREAD_NAME).start(() -> run(backend, config));
    }

    /** Opens the encoder on the feed's thread and returns once it can take frames. */
    static EncoderFeed start(EncoderBackend backend, EncoderConfig config, MeasuredWindow window)
            throws BackendException, InterruptedException {
        EncoderFeed feed = new EncoderFeed(backend, config, window);
        try {
            feed.opened.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            feed.close();
            throw new BackendException("the encoder did not open: " + (e.getCause() != null ? e.getCause() : e), e);
        }
        return feed;
    }

    private void run(EncoderBackend backend, EncoderConfig config) {
        try (EncoderSession session = backend.open(config)) {
            opened.complete(null);
            while (running) {
                Frame frame = slot.take(100, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    encode(session, frame);
                }
            }
        } catch (Exception e) {
            failure = e.toString();
            opened.completeExceptionally(e);
        }
    }

    private void encode(EncoderSession session, Frame frame) throws BackendException {
        try {
            long start = System.nanoTime();
            boolean measured = window.contains(frame.sequence());
            session.encode(frame, unit -> {
            });
            if (measured) {
                started.add(start - frame.captureNanos());
                encoded.add(System.nanoTime() - frame.captureNanos());
                takenInWindow.incrementAndGet();
            }
        } finally {
            frame.release();
        }
    }

    /** Hands {@code frame} over; it replaces (and releases) one the encoder has not taken yet. */
    void offer(Frame frame) {
        slot.put(frame);
    }

    Latencies.Summary toEncoderStart() {
        return started.summary();
    }

    Latencies.Summary toAccessUnit() {
        return encoded.summary();
    }

    long takenInWindow() {
        return takenInWindow.get();
    }

    /** Why the encoder stopped, or null while it runs. */
    String failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        slot.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
