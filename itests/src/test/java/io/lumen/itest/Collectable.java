package io.lumen.itest;

import io.lumen.testkit.Poll;
import java.lang.ref.WeakReference;
import java.time.Duration;


/** Proof that nothing keeps an object (a departed backend, its bundle's class loader) reachable. */
final class Collectable {

    private Collectable() {
    }

    static void assertCollected(String what, WeakReference<?> reference) {
        Poll.every(Duration.ofMillis(50)).awaits(what + " to be collected after the swap", Duration.ofMillis(2500),
                () -> {
                    System.gc();
                    return reference.get() == null;
                });
    }
}
