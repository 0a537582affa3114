package io.lumen.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waiting for a condition instead of for a fixed time, the one way every test waits: checks it until it holds or
 * the deadline passes, parked in between so the wait leaves the cores to the code under test. The static methods
 * check every millisecond; {@link #every(Duration)} checks less often, for a check that costs something (a request,
 * a file read, a process listing). A failure is an {@link AssertionError} naming what was awaited, for how long,
 * and the last value seen, so JUnit 4 (Pax Exam) and JUnit 5 report it alike.
 *
 * <p>A negative check ("nothing happened") is no condition to poll: wait for a positive event that proves the system
 * has gone past the point where the unwanted thing would have happened (a later frame, a reply, a marker), then
 * check.
 */
public final class Poll {

    private static final Poll EVERY_MILLISECOND = new Poll(Duration.ofMillis(1));

    private final long intervalNanos;

    private Poll(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a poll interval must be positive: " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    /** A poll that checks every {@code interval} instead of every millisecond. */
    public static Poll every(Duration interval) {
        return new Poll(interval);
    }

    /** True as soon as {@code condition} holds, false if it still does not after {@code timeout}. */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        return EVERY_MILLISECOND.holdsWithin(timeout, condition);
    }

    /** Returns as soon as {@code condition} holds; fails naming {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        EVERY_MILLISECOND.awaits(what, timeout, condition);
    }

    /**
     * The first value of {@code value} that is {@code done}; fails naming {@code what} and the last value seen after
     * {@code timeout}.
     */
    public static <T> T await(String what, Duration timeout, Supplier<? extends T> value,
                              Predicate<? super T> done) {
        return EVERY_MILLISECOND.awaits(what, timeout, value, done);
    }

    /**
     * The result of the first {@code attempt} that returns instead of throwing (a server not up yet, a client not
     * waiting yet); fails naming {@code what} after {@code timeout}, with the last exception as its cause.
     */
    public static <T> T retry(String what, Duration timeout, Callable<? extends T> attempt) {
        return EVERY_MILLISECOND.retries(what, timeout, attempt);
    }

    /** {@link #until(Duration, BooleanSupplier)} at this poll's interval. */
    public boolean holdsWithin(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0 || !pause()) {
                return false;
            }
        }
        return true;
    }

    /** {@link #await(String, Duration, BooleanSupplier)} at this poll's interval. */
    public void awaits(String what, Duration timeout, BooleanSupplier condition) {
        awaits(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** {@link #await(String, Duration, Supplier, Predicate)} at this poll's interval. */
    public <T> T awaits(String what, Duration timeout, Supplier<? extends T> value, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T seen = value.get();
            if (done.test(seen)) {
                return seen;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(timedOut(what, timeout) + (seen instanceof Boolean ? "" : "; last seen: "
                        + Objects.toString(seen)));
            }
            if (!pause()) {
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }

    /** {@link #retry(String, Duration, Callable)} at this poll's interval. */
    public <T> T retries(String what, Duration timeout, Callable<? extends T> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Exception last;
            try {
                return attempt.call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(timedOut(what, timeout) + "; the last attempt failed: " + last, last);
            }
            if (!pause()) {
                throw new AssertionError("interrupted while waiting for " + what, last);
            }
        }
    }

    /** Parks for one interval; false when the thread is interrupted (the flag stays set for the caller). */
    private boolean pause() {
        LockSupport.parkNanos(intervalNanos);
        return !Thread.currentThread().isInterrupted();
    }

    private static String timedOut(String what, Duration timeout) {
        return "timed out after " + timeout.toMillis() + " ms waiting for " + what;
    }
}
