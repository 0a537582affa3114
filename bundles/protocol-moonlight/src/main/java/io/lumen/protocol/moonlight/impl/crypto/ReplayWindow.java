package io.lumen.protocol.moonlight.impl.crypto;

/**
 * Which message counters were already accepted, over a sliding window of the last 64: a counter seen before, or
 * older than the window, is a replay. A window rather than "strictly increasing", because a client numbers its
 * messages across channels that the transport may deliver in another order.
 */
public final class ReplayWindow {

    private static final int SIZE = 64;

    private long highest = -1;
    private long seen;

    /** Records {@code counter} (unsigned 32-bit) and says whether it is new. */
    public synchronized boolean accept(int counter) {
        long value = Integer.toUnsignedLong(counter);
        if (value > highest) {
            long shift = highest < 0 ? SIZE : value - highest;
            seen = shift >= SIZE ? 1L : (seen << shift) | 1L;
            highest = value;
            return true;
        }
        long age = highest - value;
        if (age >= SIZE) {
            return false;
        }
        long bit = 1L << age;
        if ((seen & bit) != 0) {
            return false;
        }
        seen |= bit;
        return true;
    }
}
