package io.lumen.enet;

import io.lumen.enet.wire.Command.SendFragment;
import java.util.HashMap;

/**
 * A packet held back by a channel: a whole one parked until its turn, or one being reassembled from fragments. A
 * reassembly keeps the fragments as they came and allocates the packet only once the last one is in, so what it holds
 * is always what arrived; {@link #cost} is what the peer's and the host's budgets are charged for it.
 */
final class HeldPacket {

    /** Charged per held packet and per fragment on top of its bytes, so empty or tiny pieces cannot pile up for free. */
    static final int BOOKKEEPING_COST = 64;
    /** ENet's ENET_PROTOCOL_MAXIMUM_FRAGMENT_COUNT. */
    private static final long MAXIMUM_FRAGMENT_COUNT = 1 << 20;

    final int reliableSequence;
    final int unreliableSequence;
    /** Arrival order within the connection. */
    final long arrival;
    final int fragmentCount;
    private final int totalLength;
    /** The sender's fragment size, which every fragment of one packet must agree on. */
    private final long fragmentLength;
    private HashMap<Integer, byte[]> fragments;
    private byte[] data;
    int cost;

    private HeldPacket(int reliableSequence, int unreliableSequence, long arrival, int fragmentCount, int totalLength,
                       long fragmentLength, byte[] data) {
        this.reliableSequence = reliableSequence;
        this.unreliableSequence = unreliableSequence;
        this.arrival = arrival;
        this.fragmentCount = fragmentCount;
        this.totalLength = totalLength;
        this.fragmentLength = fragmentLength;
        this.data = data;
        this.fragments = data == null ? new HashMap<>() : null;
        this.cost = data == null ? BOOKKEEPING_COST : data.length + BOOKKEEPING_COST;
    }

    static HeldPacket whole(int reliableSequence, int unreliableSequence, long arrival, byte[] data) {
        return new HeldPacket(reliableSequence, unreliableSequence, arrival, 0, data.length, 0, data);
    }

    /** An empty reassembly shaped by {@code first}, which must have passed {@link #fragmentLength}. */
    static HeldPacket reassembly(int reliableSequence, int unreliableSequence, long arrival, SendFragment first, long fragmentLength) {
        return new HeldPacket(reliableSequence, unreliableSequence, arrival, (int) first.fragmentCount(), (int) first.totalLength(),
                fragmentLength, null);
    }

    /**
     * The sender's fragment size that {@code f}'s geometry implies, or -1 when it contradicts itself: ENet cuts a packet
     * of {@code totalLength} into {@code ceil(totalLength / size)} pieces of {@code size} bytes at {@code number * size},
     * the last one shorter. Holding fragments to that rule bounds the count by the length and the length by what arrives.
     */
    static long fragmentLength(SendFragment f, int maxPacketSize) {
        long count = f.fragmentCount();
        long number = f.fragmentNumber();
        long total = f.totalLength();
        long offset = f.fragmentOffset();
        long length = f.data().length;
        if (count < 1 || count > MAXIMUM_FRAGMENT_COUNT || number >= count || total < 1 || total > maxPacketSize
                || length < 1 || offset + length > total) {
            return -1;
        }
        long size;
        if (number < count - 1) {
            size = length;
            if (offset != number * size) {
                return -1;
            }
        } else if (number == 0) {
            return offset == 0 && length == total ? length : -1;
        } else {
            if (offset + length != total || offset % number != 0) {
                return -1;
            }
            size = offset / number;
            if (length > size) {
                return -1;
            }
        }
        return (total + size - 1) / size == count ? size : -1;
    }

    boolean complete() {
        return data != null;
    }

    /** The packet; only once {@link #complete}. */
    byte[] data() {
        return data;
    }

    /** True when {@code f} (of the given fragment size) belongs to the same packet as the fragments already here. */
    boolean matches(SendFragment f, long size) {
        return fragments != null && f.totalLength() == totalLength && f.fragmentCount() == fragmentCount
                && (fragmentCount == 1 || size == fragmentLength);
    }

    boolean has(SendFragment f) {
        return fragments == null || fragments.containsKey((int) f.fragmentNumber());
    }

    static int costOf(SendFragment f) {
        return f.data().length + BOOKKEEPING_COST;
    }

    /** Keeps a fragment already charged to the budget; true when it completed the packet. */
    boolean add(SendFragment f) {
        fragments.put((int) f.fragmentNumber(), f.data());
        cost += costOf(f);
        if (fragments.size() < fragmentCount) {
            return false;
        }
        // every fragment agreed on the geometry, so the pieces tile the packet exactly
        byte[] packet = new byte[totalLength];
        fragments.forEach((number, piece) -> System.arraycopy(piece, 0, packet, (int) (number * fragmentLength), piece.length));
        fragments = null;
        data = packet;
        return true;
    }
}
