package io.lumen.fec.leopard.impl.shard;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;

/**
 * What a decoder worked out for one erasure pattern, kept for the next block with the same losses (video loss
 * patterns repeat). A fixed number of slots replaced round-robin; a hit allocates nothing. Thread-safe: entries
 * are immutable once published.
 */
public final class ErasureCache<V> {

    private final AtomicReferenceArray<Entry<V>> slots;
    private final AtomicInteger next = new AtomicInteger();

    public ErasureCache(int capacity) {
        slots = new AtomicReferenceArray<>(capacity);
    }

    /**
     * The value for this block shape and erasure pattern, computed by {@code compute} from the two flag arrays on
     * a miss (pass a function held in a field: a capturing lambda would allocate on every call).
     */
    public V get(boolean[] originalPresent, boolean[] recoveryPresent,
                 BiFunction<boolean[], boolean[], V> compute) {
        int hash = hash(originalPresent, recoveryPresent);
        for (int i = 0; i < slots.length(); i++) {
            Entry<V> entry = slots.get(i);
            if (entry != null && entry.matches(hash, originalPresent, recoveryPresent)) {
                return entry.value;
            }
        }
        V value = compute.apply(originalPresent, recoveryPresent);
        Entry<V> entry = new Entry<>(hash, originalPresent.clone(), recoveryPresent.clone(), value);
        slots.set(Math.floorMod(next.getAndIncrement(), slots.length()), entry);
        return value;
    }

    private static int hash(boolean[] originalPresent, boolean[] recoveryPresent) {
        int h = originalPresent.length * 31 + recoveryPresent.length;
        for (int i = 0; i < originalPresent.length; i++) {
            if (!originalPresent[i]) {
                h = h * 31 + i;
            }
        }
        for (int i = 0; i < recoveryPresent.length; i++) {
            if (!recoveryPresent[i]) {
                h = h * 37 + i;
            }
        }
        return h;
    }

    private record Entry<V>(int hash, boolean[] originalPresent, boolean[] recoveryPresent, V value) {

        boolean matches(int otherHash, boolean[] originals, boolean[] recovery) {
            return hash == otherHash
                    && java.util.Arrays.equals(originalPresent, originals)
                    && java.util.Arrays.equals(recoveryPresent, recovery);
        }
    }
}
