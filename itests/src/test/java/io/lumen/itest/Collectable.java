package io.lumen.itest;

import java.lang.ref.WeakReference;

import static org.junit.Assert.assertNull;

/** Proof that nothing keeps an object (a departed backend, its bundle's class loader) reachable. */
final class Collectable {

    private Collectable() {
    }

    static void assertCollected(String what, WeakReference<?> reference) throws InterruptedException {
        for (int i = 0; i < 50 && reference.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(what + " is still reachable after the swap", reference.get());
    }
}
