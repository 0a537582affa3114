package io.lumen.capture.synthetic.impl;

import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.TestPattern;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One running pattern: a thread paints into a small pool of off-heap buffers at the requested rate. A buffer
 * comes back when its frame is released; the memory is freed only once the session is closed and every frame it
 * handed out came back, so a consumer that releases late never touches freed memory.
 */
final class SyntheticCaptureSession implements CaptureSession {

    private static final System.Logger LOG = System.getLogger("lumen.capture.synthetic");
    static final int POOL_SIZE = 4;

    private final CaptureRequest request;
    private final PixelFormat format;
    private final FrameSink sink;
    private final TestPattern pattern;
    private final int stride;
    private final Arena arena = Arena.ofShared();
    private final ArrayBlockingQueue<MemorySegment> free = new ArrayBlockingQueue<>(POOL_SIZE);
    private final AtomicInteger outstanding = new AtomicInteger();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder poolExhausted = new LongAdder();
    private final LongAdder lateTicks = new LongAdder();
    private final Thread thread;
    private volatile boolean closed;
    private boolean arenaClosed;

    SyntheticCaptureSession(CaptureRequest request, PixelFormat format, int width, int height, boolean grain,
                            FrameSink sink, String threadName) {
        this.request = request;
        this.format = format;
        this.sink = sink;
        this.pattern = new TestPattern(width, height, format, grain);
        this.stride = TestPattern.minimumStride(width, format);
        long bytes = format.frameBytes(stride, height);
        for (int i = 0; i < POOL_SIZE; i++) {
            free.add(arena.allocate(bytes, 64));
        }
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
        LOG.log(System.Logger.Level.INFO, "synthetic capture started: " + width + "x" + height + " " + format + " at "
                + request.mode().fps() + " fps"
                + " from frame " + request.firstSequence());
    }

    private void run() {
        long interval = request.mode().frameIntervalNanos();
        long start = System.nanoTime();
        long tick = 0;
        long sequence = request.firstSequence();
        while (!closed) {
            long due = start + tick * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            if (-wait > interval) {
                // fell behind (a paused VM, a busy core): skip to the current tick rather than burst
                long skipTo = (System.nanoTime() - start) / interval;
                lateTicks.add(skipTo - tick);
                tick = skipTo;
            }
            tick++;
            MemorySegment buffer = free.poll();
            if (buffer == null) {
                poolExhausted.increment();
                if (poolExhausted.sum() == 1) {
                    LOG.log(System.Logger.Level.WARNING, "synthetic capture: the consumer holds all " + POOL_SIZE
                            + " buffers; dropping ticks until one comes back (counted)");
                }
                continue;
            }
            long now = System.nanoTime();
            pattern.paint(buffer, stride, sequence, FrameStamp.now(sequence));
            outstanding.incrementAndGet();
            Frame frame = new Frame(buffer, format, pattern.width(), pattern.height(), stride, sequence, now,
                    () -> recycle(buffer));
            sequence++;
            delivered.increment();
            try {
                sink.accept(frame);
            } catch (RuntimeException e) {
                frame.release();
                LOG.log(System.Logger.Level.WARNING, "synthetic capture: sink failed: " + e);
            }
        }
    }

    private void recycle(MemorySegment buffer) {
        if (!closed) {
            free.offer(buffer);
        }
        if (outstanding.decrementAndGet() == 0 && closed) {
            closeArena();
        }
    }

    private synchronized void closeArena() {
        if (!arenaClosed && outstanding.get() == 0) {
            arenaClosed = true;
            free.clear();
            arena.close();
        }
    }

    /** Whether the native memory was given back (after close and the last release). */
    synchronized boolean memoryFreed() {
        return arenaClosed;
    }

    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("format", format + " " + pattern.width() + "x" + pattern.height());
        stats.put("target fps", request.mode().fps());
        stats.put("frames delivered", delivered.sum());
        stats.put("frames not painted: consumer held every buffer", poolExhausted.sum());
        stats.put("ticks skipped: painter late", lateTicks.sum());
        return stats;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (outstanding.get() == 0) {
            closeArena();
        }
        LOG.log(System.Logger.Level.INFO, "synthetic capture stopped after " + delivered.sum() + " frames");
    }
}
