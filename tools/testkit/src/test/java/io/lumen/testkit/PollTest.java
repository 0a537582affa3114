package io.lumen.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollTest {

    private static final Duration LONG = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofMillis(30);

    @Test
    void aConditionThatComesToHoldEndsTheWaitWithTheValueThatHeld() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals(5, Poll.await("five calls", LONG, calls::incrementAndGet, n -> n >= 5));
        assertTrue(Poll.until(LONG, () -> calls.incrementAndGet() > 7));
        Poll.await("ten calls", LONG, () -> calls.incrementAndGet() >= 10);
        assertEquals(10, calls.get(), "no check after the one that held");
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndTheLastValueSeen() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Poll.await("the answer", SHORT, () -> "still 41", "42"::equals));
        assertEquals("timed out after 30 ms waiting for the answer; last seen: still 41", e.getMessage());
        AssertionError plain = assertThrows(AssertionError.class, () -> Poll.await("never", SHORT, () -> false));
        assertEquals("timed out after 30 ms waiting for never", plain.getMessage());
        assertFalse(Poll.until(SHORT, () -> false));
    }

    @Test
    void retryTakesAnExceptionForNotYetAndKeepsTheLastAsTheCause() {
        AtomicInteger attempts = new AtomicInteger();
        assertEquals("up", Poll.retry("the server", LONG, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("connection refused");
            }
            return "up";
        }));
        AssertionError e = assertThrows(AssertionError.class, () -> Poll.retry("a server that never comes", SHORT,
                () -> {
                    throw new IOException("refused " + attempts.incrementAndGet());
                }));
        assertTrue(e.getMessage().startsWith("timed out after 30 ms waiting for a server that never comes; the last"
                + " attempt failed: java.io.IOException: refused "), e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void aLongerIntervalChecksLessOften() {
        AtomicInteger fast = new AtomicInteger();
        AtomicInteger slow = new AtomicInteger();
        long start = System.nanoTime();
        assertFalse(Poll.until(Duration.ofMillis(200), () -> fast.incrementAndGet() < 0));
        assertFalse(Poll.every(Duration.ofMillis(50)).holdsWithin(Duration.ofMillis(200),
                () -> slow.incrementAndGet() < 0));
        assertTrue(slow.get() <= 6, slow + " checks in 200 ms at 50 ms");
        assertTrue(fast.get() > 2 * slow.get(), fast + " checks at 1 ms against " + slow + " at 50 ms");
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(400).toNanos());
        assertThrows(IllegalArgumentException.class, () -> Poll.every(Duration.ZERO));
    }

    @Test
    void anInterruptedWaitFailsAndLeavesTheFlagSet() {
        Thread.currentThread().interrupt();
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> Poll.await("a thing", LONG, () -> false));
            assertEquals("interrupted while waiting for a thing", e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
