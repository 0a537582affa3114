package io.lumen.protocol.moonlight.impl.control;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What one control stream received: messages by type, packets dropped by reason, the client's loss reports. */
public final class ControlStats {

    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    final LongAdder keyframeRequests = new LongAdder();
    final LongAdder invalidationRequests = new LongAdder();
    final LongAdder framesReportedLossy = new LongAdder();
    final LongAdder framesReportedLost = new LongAdder();
    final AtomicLong lastMessageNanos = new AtomicLong(System.nanoTime());

    void received(String kind) {
        received.computeIfAbsent(kind, k -> new LongAdder()).increment();
        lastMessageNanos.set(System.nanoTime());
    }

    void dropped(String reason) {
        dropped.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    public Map<String, Long> received() {
        return snapshot(received);
    }

    public Map<String, Long> dropped() {
        return snapshot(dropped);
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long keyframeRequests() {
        return keyframeRequests.sum();
    }

    /** Frames the client reported shards missing from, rebuilt or not. */
    /** Reference frame invalidation requests: frames lost by a client that can resume without a keyframe. */
    public long invalidationRequests() {
        return invalidationRequests.sum();
    }

    public long framesReportedLossy() {
        return framesReportedLossy.sum();
    }

    /** Frames the client reported it could not rebuild. */
    public long framesReportedLost() {
        return framesReportedLost.sum();
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
