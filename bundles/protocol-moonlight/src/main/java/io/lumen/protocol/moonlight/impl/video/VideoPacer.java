package io.lumen.protocol.moonlight.impl.video;

import java.util.concurrent.locks.LockSupport;

/**
 * Spreads a frame's packets at a capped rate, as Sunshine does, so a keyframe of hundreds of packets does not
 * arrive as one burst that overflows the client's socket buffer or a switch queue. Packets leave in batches
 * (at most 64 and under 64 KB, Sunshine's limits); before each batch the sender waits until the rate allows
 * the packets already sent. The schedule runs on from the previous frame's last batch, so back-to-back frames
 * cannot exceed the rate together, and it is absolute, so a late wake-up is made up by the next batches.
 */
final class VideoPacer {

    /** Time, and a way to wait for it; tests step it by hand. */
    interface Clock {

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void parkNanos(long nanos) {
                LockSupport.parkNanos(nanos);
            }
        };

        long nanoTime();

        /** Waits about {@code nanos}; may return early. */
        void parkNanos(long nanos);
    }

    private static final int MAX_BATCH_PACKETS = 64;
    private static final int MAX_BATCH_BYTES = 64 * 1024;

    private final double nanosPerPacket;
    private final int batchPackets;
    private final Clock clock;
    private long frameStart;
    private long nextFrameStart = Long.MIN_VALUE;
    private long sentInFrame;

    VideoPacer(long bitsPerSecond, int datagramBytes, Clock clock) {
        if (bitsPerSecond <= 0 || datagramBytes <= 0) {
            throw new IllegalArgumentException("pacing needs a positive rate and packet size");
        }
        this.nanosPerPacket = datagramBytes * 8.0 * 1e9 / bitsPerSecond;
        this.batchPackets = Math.clamp(MAX_BATCH_BYTES / datagramBytes, 1, MAX_BATCH_PACKETS);
        this.clock = clock;
    }

    int batchPackets() {
        return batchPackets;
    }

    void startFrame() {
        long now = clock.nanoTime();
        frameStart = nextFrameStart == Long.MIN_VALUE ? now : Math.max(nextFrameStart, now);
        sentInFrame = 0;
    }

    /**
     * Waits until the packets sent so far in this frame are due. An interrupted sender stops waiting (the
     * session is ending) rather than spinning.
     */
    void awaitBatch() {
        long due = dueAfter(sentInFrame);
        for (long wait = due - clock.nanoTime(); wait > 0; wait = due - clock.nanoTime()) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            clock.parkNanos(wait);
        }
    }

    void sent(int packets) {
        sentInFrame += packets;
    }

    /** Remembers where this frame's schedule ends, for the next frame that comes sooner. */
    void endFrame() {
        nextFrameStart = dueAfter(sentInFrame);
    }

    private long dueAfter(long packets) {
        return frameStart + (long) (packets * nanosPerPacket);
    }
}
