package io.lumen.session.impl.pipeline;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The packets of PCM between the audio capture's thread and the session's audio thread: a fixed set of off-heap
 * buffers, a few of them queued. When the audio thread is late the oldest queued packet is dropped and counted,
 * so the stream's latency stays bounded by the queue instead of growing; one producer, one consumer.
 */
final class PcmRing implements AutoCloseable {

    /** One packet's PCM and when its first sample was captured. */
    static final class Packet {
        final MemorySegment pcm;
        long captureNanos;

        private Packet(MemorySegment pcm) {
            this.pcm = pcm;
        }
    }

    private final Arena arena = Arena.ofShared();
    private final ArrayDeque<Packet> free = new ArrayDeque<>();
    private final ArrayDeque<Packet> queued = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final Runnable onDrop;
    private final MemorySegment silence;
    private boolean closed;

    /**
     * {@code capacity} queued packets of {@code packetBytes}; one more is filled and one encoded meanwhile.
     * {@code onDrop} counts a packet given up for a late audio thread (on the capture's thread).
     */
    PcmRing(int capacity, long packetBytes, Runnable onDrop) {
        this.onDrop = onDrop;
        for (int i = 0; i < capacity + 2; i++) {
            free.add(new Packet(arena.allocate(packetBytes, Short.BYTES)));
        }
        silence = arena.allocate(packetBytes, Short.BYTES);
    }

    /** A zeroed packet, for when no capture delivers. */
    MemorySegment silence() {
        return silence;
    }

    /** A buffer to fill; when every other one is queued, the oldest queued packet is given up for it. */
    Packet acquire() {
        Packet packet;
        lock.lock();
        try {
            packet = free.pollFirst();
            if (packet != null) {
                return packet;
            }
            packet = queued.pollFirst();
        } finally {
            lock.unlock();
        }
        onDrop.run();
        return packet;
    }

    /** Queues a filled packet for the audio thread. */
    void publish(Packet packet) {
        lock.lock();
        try {
            queued.addLast(packet);
            published.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest queued packet, waiting up to {@code nanos}; null when none came. Hand it back with release. */
    Packet take(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (queued.isEmpty() && !closed) {
                if (left <= 0) {
                    return null;
                }
                left = published.awaitNanos(left);
            }
            return queued.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    void release(Packet packet) {
        lock.lock();
        try {
            free.addLast(packet);
        } finally {
            lock.unlock();
        }
    }

    /** Gives up every queued packet (a capture swap: the old source's sound must not follow the new one's). */
    void clear() {
        lock.lock();
        try {
            while (!queued.isEmpty()) {
                free.addLast(queued.pollFirst());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the consumer for good; the memory is freed once both threads are done ({@link #close()}). */
    void shutdown() {
        lock.lock();
        try {
            closed = true;
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        shutdown();
        arena.close();
    }

    static long nanosOf(int frames) {
        return TimeUnit.SECONDS.toNanos(frames) / io.lumen.api.audio.AudioFormat.SAMPLE_RATE;
    }
}
