package io.lumen.testkit;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition instead of for a fixed time: checks it every millisecond until it holds or the deadline
 * passes, parked in between so the wait leaves the cores to the code under test.
 */
public final class Poll {

    private static final long INTERVAL_NANOS = 1_000_000L;

    private Poll() {
    }

    /** True as soon as {@code condition} holds, false if it still does not after {@code timeout}. */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(INTERVAL_NANOS);
        }
        return true;
    }
}
