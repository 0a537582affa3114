package io.lumen.enet;

import java.util.EnumMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** A host's counters: written by its service thread, read by anyone. */
final class HostCounters {

    private final LongAdder datagramsReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder datagramsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder sendErrors = new LongAdder();
    private final AtomicLongArray dropped = new AtomicLongArray(DropReason.values().length);
    private final AtomicLong heldBytes = new AtomicLong();
    private final LongAdder evictedReassemblies = new LongAdder();
    private final LongAdder expiredHandshakes = new LongAdder();
    private final long heldLimit;

    HostCounters(long heldLimit) {
        this.heldLimit = heldLimit;
    }

    void received(int bytes) {
        datagramsReceived.increment();
        bytesReceived.add(bytes);
    }

    void sent(int bytes) {
        datagramsSent.increment();
        bytesSent.add(bytes);
    }

    void sendError() {
        sendErrors.increment();
    }

    void drop(DropReason reason) {
        dropped.incrementAndGet(reason.ordinal());
    }

    /** Charges {@code bytes} to the host's reassembly budget, or false when it has no room (one writer thread). */
    boolean hold(long bytes) {
        long held = heldBytes.get();
        if (held + bytes > heldLimit) {
            return false;
        }
        heldBytes.set(held + bytes);
        return true;
    }

    void unhold(long bytes) {
        heldBytes.addAndGet(-bytes);
    }

    void evicted() {
        evictedReassemblies.increment();
    }

    void handshakeExpired() {
        expiredHandshakes.increment();
    }

    EnetHostStats snapshot() {
        EnumMap<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            drops.put(reason, dropped.get(reason.ordinal()));
        }
        return new EnetHostStats(datagramsReceived.sum(), bytesReceived.sum(), datagramsSent.sum(), bytesSent.sum(),
                sendErrors.sum(), drops, heldBytes.get(), evictedReassemblies.sum(), expiredHandshakes.sum());
    }
}
