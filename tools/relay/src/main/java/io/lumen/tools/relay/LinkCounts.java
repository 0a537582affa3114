package io.lumen.tools.relay;

import java.util.concurrent.atomic.LongAdder;

/** What the relay did to the datagrams of one port going one way, counted as it happens. */
public final class LinkCounts {

    private final LongAdder forwarded = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder reordered = new LongAdder();
    private final LongAdder delayed = new LongAdder();
    private final LongAdder bytes = new LongAdder();

    void forwarded(int length) {
        forwarded.increment();
        bytes.add(length);
    }

    void dropped() {
        dropped.increment();
    }

    void reordered() {
        reordered.increment();
    }

    void delayed() {
        delayed.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(forwarded.sum(), dropped.sum(), reordered.sum(), delayed.sum(), bytes.sum());
    }

    /**
     * The counts at one moment.
     *
     * @param forwarded datagrams sent on (after any hold or delay)
     * @param dropped   datagrams the loss model dropped
     * @param reordered datagrams held back and sent after later ones
     * @param delayed   datagrams that went through the delay line
     * @param bytes     bytes of the forwarded datagrams
     */
    public record Snapshot(long forwarded, long dropped, long reordered, long delayed, long bytes) {

        public long seen() {
            return forwarded + dropped;
        }
    }
}
