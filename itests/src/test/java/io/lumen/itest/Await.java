package io.lumen.itest;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.fail;

/** Waiting for the host inside the container to reach a state, one way for every itest. */
final class Await {

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} when {@code timeout} passes first. */
    static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
