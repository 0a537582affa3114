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
        return accept(Integer.toUnsignedLong(counter));
    }

    /**
     * Records the counter whose low byte alone is {@code lowByte} and says whether it is new. For a framing that
     * authenticates only that byte (NVIDIA's legacy control IV), the rest of the sent counter is anyone's to change,
     * so it is not read at all: the counter is the one nearest the highest accepted (within 127 either way) that
     * ends in this byte, and counting starts at 0.
     */
    public synchronized boolean acceptLowByte(int lowByte) {
        int low = lowByte & 0xff;
        if (highest < 0) {
            return accept((long) low);
        }
        int delta = (low - (int) (highest & 0xff)) & 0xff;
        long counter = highest + (delta >= 128 ? delta - 256 : delta);
        return counter >= 0 && accept(counter);
    }

    private boolean accept(long value) {
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
