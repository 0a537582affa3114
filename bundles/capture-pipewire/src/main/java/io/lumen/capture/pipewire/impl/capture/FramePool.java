package io.lumen.capture.pipewire.impl.capture;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The frames a capture copies into, reused. At most {@link #LIMIT} are out at once (the session's latest-frame
 * slot holds one, the encoder one, the copy in progress one); past that the capture drops rather than allocate.
 * The memory is freed by the garbage collector once no frame refers to it, so a frame the encoder still reads
 * stays valid after the capture closed.
 */
final class FramePool {

    static final int LIMIT = 4;

    private final ConcurrentLinkedQueue<MemorySegment> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger out = new AtomicInteger();

    /** A frame of {@code bytes}, or null when {@link #LIMIT} are out. */
    MemorySegment take(long bytes) {
        if (out.incrementAndGet() > LIMIT) {
            out.decrementAndGet();
            return null;
        }
        MemorySegment reused;
        while ((reused = free.poll()) != null) {
            if (reused.byteSize() == bytes) {
                return reused;
            }
        }
        return Arena.ofAuto().allocate(bytes, 64);
    }

    void give(MemorySegment frame) {
        out.decrementAndGet();
        free.offer(frame);
    }
}
