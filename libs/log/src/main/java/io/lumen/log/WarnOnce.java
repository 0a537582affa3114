package io.lumen.log;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the silent paths (a frame dropped, a buffer skipped) and logs the first occurrence of each once, so a
 * drop path that fires 60 times a second tells the operator once, and diagnostics still show how often.
 */
public final class WarnOnce {

    private final System.Logger log;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public WarnOnce(System.Logger log) {
        this.log = log;
    }

    /** Counts one occurrence of {@code key}; logs {@code message} only on the first. Returns the new count. */
    public long warn(String key, String message) {
        LongAdder counter = counts.computeIfAbsent(key, k -> new LongAdder());
        counter.increment();
        long count = counter.sum();
        if (count == 1) {
            log.log(System.Logger.Level.WARNING, message + " (logged once; counted as '" + key + "')");
        }
        return count;
    }

    public long count(String key) {
        LongAdder counter = counts.get(key);
        return counter == null ? 0 : counter.sum();
    }

    /** Every key with its count, sorted by key, for stats(). */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}
