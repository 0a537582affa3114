package io.lumen.session.impl.pipeline;

import io.lumen.api.media.Frame;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-frame mailbox between a capture thread and the encode thread. A new frame replaces an unconsumed one,
 * which is released and counted as dropped: when the encoder is late the stream skips pictures instead of
 * queueing them, because latency matters more than smoothness. Single consumer.
 */
public final class LatestFrameSlot {

    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private final LongAdder replaced = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile Thread consumer;
    private volatile boolean closed;

    /** Offers a frame; the slot owns it from here. After {@link #close()} the frame is released at once. */
    public void put(Frame frame) {
        if (closed) {
            frame.release();
            refused.increment();
            return;
        }
        Frame previous = latest.getAndSet(frame);
        if (previous != null) {
            previous.release();
            replaced.increment();
        }
        if (closed) {
            // close() ran between the check and the swap: it may have missed this frame
            clear();
        }
        Thread waiting = consumer;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    /**
     * Takes the newest frame, waiting up to the timeout; null when none arrived or the slot is closed. The caller
     * owns the returned frame. Only one thread may take.
     */
    public Frame take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        consumer = Thread.currentThread();
        try {
            while (!closed) {
                Frame frame = latest.getAndSet(null);
                if (frame != null) {
                    return frame;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return null;
                }
                LockSupport.parkNanos(this, remaining);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return null;
        } finally {
            consumer = null;
        }
    }

    /** Releases a waiting frame, if any (a capture swap must not leave the old producer's buffer behind). */
    public void clear() {
        Frame frame = latest.getAndSet(null);
        if (frame != null) {
            frame.release();
        }
    }

    /** Stops accepting frames, releases the waiting one and wakes the consumer. Idempotent. */
    public void close() {
        closed = true;
        clear();
        Thread waiting = consumer;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** Frames replaced before the consumer took them. */
    public long replaced() {
        return replaced.sum();
    }

    /** Frames offered after close. */
    public long refused() {
        return refused.sum();
    }
}
