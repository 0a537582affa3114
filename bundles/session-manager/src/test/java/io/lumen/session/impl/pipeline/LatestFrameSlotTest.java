package io.lumen.session.impl.pipeline;

import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.*;

class LatestFrameSlotTest {

    private final Arena arena = Arena.ofShared();
    private final AtomicInteger released = new AtomicInteger();

    private Frame frame(long sequence) {
        return new Frame(arena.allocate(16 * 4), PixelFormat.BGRX, 4, 4, 16, sequence, System.nanoTime(),
                released::incrementAndGet);
    }

    @Test
    void newerFrameReplacesAndReleasesTheUntakenOne() throws InterruptedException {
        LatestFrameSlot slot = new LatestFrameSlot();
        Frame first = frame(1);
        slot.put(first);
        slot.put(frame(2));
        assertTrue(first.isReleased(), "the replaced frame goes back to its producer");
        assertEquals(1, slot.replaced());
        Frame taken = slot.take(1, TimeUnit.SECONDS);
        assertEquals(2, taken.sequence());
        assertNull(slot.take(10, TimeUnit.MILLISECONDS), "a taken frame is not handed out twice");
    }

    @Test
    void takeWaitsForAFrameFromAnotherThread() throws Exception {
        LatestFrameSlot slot = new LatestFrameSlot();
        Thread taker = Thread.currentThread();
        Thread producer = new Thread(() -> {
            // the frame comes only once the taker is parked in take(), so take() has to be woken by put()
            Poll.await("the taker parked in take()", Duration.ofSeconds(5),
                    () -> LockSupport.getBlocker(taker) == slot);
            slot.put(frame(7));
        });
        producer.start();
        Frame taken = slot.take(5, TimeUnit.SECONDS);
        assertNotNull(taken);
        assertEquals(7, taken.sequence());
        producer.join();
    }

    @Test
    void closeReleasesTheWaitingFrameAndRefusesLaterOnes() throws InterruptedException {
        LatestFrameSlot slot = new LatestFrameSlot();
        Frame waiting = frame(1);
        slot.put(waiting);
        slot.close();
        assertTrue(waiting.isReleased());
        Frame late = frame(2);
        slot.put(late);
        assertTrue(late.isReleased(), "a frame offered after close is released at once");
        assertEquals(1, slot.refused());
        assertNull(slot.take(1, TimeUnit.SECONDS));
    }

    @Test
    void underContentionEveryFrameIsReleasedOnceAndTakenInOrder() throws Exception {
        LatestFrameSlot slot = new LatestFrameSlot();
        int total = 20_000;
        List<Long> taken = new ArrayList<>();
        AtomicLong lastTaken = new AtomicLong(-1);
        Thread consumer = new Thread(() -> {
            try {
                while (true) {
                    Frame f = slot.take(200, TimeUnit.MILLISECONDS);
                    if (f == null) {
                        if (slot.isClosed()) {
                            return;
                        }
                        continue;
                    }
                    taken.add(f.sequence());
                    lastTaken.set(f.sequence());
                    f.release();
                }
            } catch (InterruptedException ignored) {
            }
        });
        consumer.start();
        for (long i = 0; i < total; i++) {
            slot.put(frame(i));
        }
        // closing before the consumer took the newest frame would release it instead
        Poll.await("the consumer to take the newest frame", Duration.ofSeconds(10), lastTaken::get,
                last -> last == total - 1);
        slot.close();
        consumer.join(10_000);
        assertFalse(consumer.isAlive());
        assertEquals(total, released.get(), "every frame released exactly once (taken or replaced)");
        assertEquals(total, taken.size() + slot.replaced());
        for (int i = 1; i < taken.size(); i++) {
            assertTrue(taken.get(i) > taken.get(i - 1), "frames are never taken out of order");
        }
        assertEquals(total - 1, taken.getLast(), "the newest frame is the one that stays");
    }
}
