package io.lumen.enet;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Keeps every listener call as an {@link EnetEvent}, and lets a test wait for one. */
final class RecordingListener implements EnetListener {

    final List<EnetEvent> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void connected(EnetPeer peer, int data) {
        record(new EnetEvent.Connected(peer, data));
    }

    @Override
    public void received(EnetPeer peer, int channel, byte[] packet) {
        record(new EnetEvent.Received(peer, channel, packet));
    }

    @Override
    public void disconnected(EnetPeer peer, EnetPeer.DisconnectReason reason, int data) {
        record(new EnetEvent.Disconnected(peer, reason, data));
    }

    private synchronized void record(EnetEvent event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
        notifyAll();
    }

    List<EnetEvent.Received> received() {
        return events.stream().filter(EnetEvent.Received.class::isInstance).map(EnetEvent.Received.class::cast).toList();
    }

    /** Waits (at most {@code seconds}) until {@code done} holds for the events so far. */
    synchronized boolean await(int seconds, Predicate<List<EnetEvent>> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.test(events)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    <T extends EnetEvent> T awaitFirst(int seconds, Class<T> type) throws InterruptedException {
        if (!await(seconds, events -> events.stream().anyMatch(type::isInstance))) {
            throw new AssertionError("no " + type.getSimpleName() + " within " + seconds + " s: " + events);
        }
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
