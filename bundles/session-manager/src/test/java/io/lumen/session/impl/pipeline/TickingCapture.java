package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A capture for pipeline tests: small off-heap frames on its own thread, counting what is still unreleased, and
 * keeping the options of every open.
 */
final class TickingCapture implements CaptureBackend {

    final String id;
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    volatile long lastFirstSequence = -1;
    /** When set, each opened session delivers this many frames, then says it ended with {@link #endReason}. */
    volatile int endAfterFrames = -1;
    volatile String endReason = "";
    /** The options of each open, without the session id (that goes to {@link #openedFor}). */
    final List<Map<String, String>> openedWith = new CopyOnWriteArrayList<>();
    final List<String> openedFor = new CopyOnWriteArrayList<>();
    /** When set, frames come at this size whatever the request asks, as a window's or an output's do. */
    volatile io.lumen.api.media.VideoMode ownSize;
    /** Set: no frames come, as from an idle desktop whose compositor sends frames only on damage. */
    volatile boolean idle;
    /** Ticks that delivered nothing because the capture was idle. */
    final AtomicInteger idleTicks = new AtomicInteger();
    /** Set: open fails, as a backend whose device vanished would. */
    volatile boolean refuses;

    TickingCapture(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Probe probe() {
        return Probe.ok();
    }

    @Override
    public CaptureSession open(CaptureRequest request, FrameSink sink) throws BackendException {
        Map<String, String> options = new java.util.HashMap<>(request.options());
        openedFor.add(options.remove(CaptureRequest.SESSION_ID));
        openedWith.add(Map.copyOf(options));
        if (refuses) {
            throw new BackendException(id + " refuses to open");
        }
        opened.incrementAndGet();
        lastFirstSequence = request.firstSequence();
        Arena arena = Arena.ofShared();
        int w = ownSize == null ? request.mode().width() : ownSize.width();
        int h = ownSize == null ? request.mode().height() : ownSize.height();
        Thread thread = new Thread(() -> {
            long sequence = request.firstSequence();
            int delivered = 0;
            while (!Thread.currentThread().isInterrupted()) {
                if (delivered++ == endAfterFrames) {
                    sink.ended(endReason);
                    return;
                }
                if (idle) {
                    delivered--;
                    idleTicks.incrementAndGet();
                } else {
                    outstanding.incrementAndGet();
                    sink.accept(new Frame(arena.allocate((long) w * h * 4), PixelFormat.BGRX, w, h, w * 4, sequence++,
                            System.nanoTime(), outstanding::decrementAndGet));
                }
                try {
                    Thread.sleep(request.mode().frameIntervalNanos() / 1_000_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-capture-" + id);
        thread.start();
        return new CaptureSession() {
            @Override
            public Map<String, Object> stats() {
                return Map.of("backend", id);
            }

            @Override
            public void close() {
                thread.interrupt();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                closed.incrementAndGet();
            }
        };
    }
}
