package io.lumen.fec.leopard.impl.shard;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Reusable per-call working state, so concurrent callers each get their own without a lock and a steady
 * caller allocates nothing. Holds at most a few idle objects; beyond that they are left to the GC. No
 * ThreadLocal on purpose: pooled state must not outlive the bundle on long-lived threads.
 */
public final class ScratchPool<T> {

    private final AtomicReferenceArray<T> idle;
    private final Supplier<T> factory;

    public ScratchPool(int capacity, Supplier<T> factory) {
        this.idle = new AtomicReferenceArray<>(capacity);
        this.factory = factory;
    }

    public T acquire() {
        for (int i = 0; i < idle.length(); i++) {
            T item = idle.getAndSet(i, null);
            if (item != null) {
                return item;
            }
        }
        return factory.get();
    }

    public void release(T item) {
        for (int i = 0; i < idle.length(); i++) {
            if (idle.compareAndSet(i, null, item)) {
                return;
            }
        }
    }
}
