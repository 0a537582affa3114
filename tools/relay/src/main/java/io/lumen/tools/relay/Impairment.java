package io.lumen.tools.relay;

import io.lumen.testkit.loss.LossModel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The lossy link of one flow in one direction: each datagram is dropped by the loss model, or held back behind
 * the next few (reordering), or delayed, or sent at once. Called from the one thread that reads the flow's socket;
 * held and delayed datagrams leave from the shared scheduler, which is why the state is guarded by this object.
 */
final class Impairment {

    /** A held datagram goes out after this even when no later one comes to overtake it (a quiet stream). */
    static final long HOLD_LIMIT_MILLIS = 50;

    /** Where a datagram goes once the link lets it through. */
    interface Sink {
        void send(ByteBuffer datagram);
    }

    private final LossModel loss;
    private final SplittableRandom reorderDraws;
    private final double reorder;
    private final int reorderDepth;
    private final long delayNanos;
    private final ScheduledExecutorService scheduler;
    private final LinkCounts counts;
    private final Sink sink;
    private final List<Held> held = new ArrayList<>();

    private static final class Held {
        final byte[] datagram;
        int overtakesLeft;

        Held(byte[] datagram, int overtakesLeft) {
            this.datagram = datagram;
            this.overtakesLeft = overtakesLeft;
        }
    }

    Impairment(LossModel loss, long seed, RelayOptions options, ScheduledExecutorService scheduler,
               LinkCounts counts, Sink sink) {
        this.loss = loss;
        this.reorderDraws = new SplittableRandom(seed);
        this.reorder = options.reorder();
        this.reorderDepth = options.reorderDepth();
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(options.delayMillis());
        this.scheduler = scheduler;
        this.counts = counts;
        this.sink = sink;
    }

    /** Takes one datagram (position to limit); the buffer may be reused once this returns. */
    void accept(ByteBuffer datagram) {
        List<byte[]> released;
        synchronized (this) {
            if (loss.drop()) {
                counts.dropped();
                return;
            }
            if (reorder > 0 && reorderDraws.nextDouble() < reorder) {
                Held hold = new Held(copy(datagram), reorderDepth);
                held.add(hold);
                scheduler.schedule(() -> releaseLate(hold), HOLD_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            released = overtaken();
        }
        emit(datagram, false);
        for (byte[] late : released) {
            emit(ByteBuffer.wrap(late), true);
        }
    }

    /** The held datagrams that the datagram going out now was the last to overtake. */
    private List<byte[]> overtaken() {
        if (held.isEmpty()) {
            return List.of();
        }
        List<byte[]> due = new ArrayList<>(1);
        for (var it = held.iterator(); it.hasNext(); ) {
            Held hold = it.next();
            if (--hold.overtakesLeft == 0) {
                it.remove();
                due.add(hold.datagram);
            }
        }
        return due;
    }

    private void releaseLate(Held hold) {
        synchronized (this) {
            if (!held.remove(hold)) {
                return; // already overtaken and sent
            }
        }
        emit(ByteBuffer.wrap(hold.datagram), true);
    }

    private void emit(ByteBuffer datagram, boolean late) {
        if (late) {
            counts.reordered();
        }
        if (delayNanos == 0) {
            send(datagram);
            return;
        }
        ByteBuffer owned = late ? datagram : ByteBuffer.wrap(copy(datagram));
        counts.delayed();
        scheduler.schedule(() -> send(owned), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void send(ByteBuffer datagram) {
        int length = datagram.remaining();
        sink.send(datagram);
        counts.forwarded(length);
    }

    private static byte[] copy(ByteBuffer datagram) {
        byte[] bytes = new byte[datagram.remaining()];
        datagram.duplicate().get(bytes);
        return bytes;
    }
}
