package io.lumen.enet;

import io.lumen.enet.wire.Command.SendFragment;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * One channel of a connection: its outgoing sequence numbers and reliable-window bookkeeping, and the incoming side's
 * ordering and reassembly. Reliable sequence numbers are split into 16 windows of 4096; a receiver accepts only the
 * current window and the six after it, a sender never opens a window the receiver could mistake for an old one.
 */
final class Channel {

    static final int WINDOW_SIZE = 0x1000;
    static final int WINDOWS = 16;
    static final int FREE_WINDOWS = 8;
    private static final int MAXIMUM_FRAGMENT_COUNT = 1 << 20;
    /** Charged per buffered packet on top of its bytes, so empty packets cannot pile up for free. */
    private static final int BOOKKEEPING_COST = 64;

    int outgoingReliable;
    int outgoingUnreliable;
    private final int[] reliableWindows = new int[WINDOWS];
    private int usedReliableWindows;

    int incomingReliable;
    int incomingUnreliable;
    /** Reliable packets (and fragment reassemblies, at their first sequence number) that arrived ahead of their turn. */
    private final HashMap<Integer, Assembly> reliable = new HashMap<>();
    /** Unreliable packets waiting for the reliable packet they were sent after, and unreliable reassemblies. */
    private final ArrayList<Assembly> unreliable = new ArrayList<>();

    /** True when sending {@code sequence} first would open a window the receiver may still see as old. */
    boolean windowBlocks(int sequence) {
        if (sequence % WINDOW_SIZE != 0) {
            return false;
        }
        int window = sequence / WINDOW_SIZE;
        int span = (1 << (FREE_WINDOWS + 2)) - 1;
        int ahead = (span << window | span >>> (WINDOWS - window)) & 0xFFFF;
        return reliableWindows[(window + WINDOWS - 1) % WINDOWS] >= WINDOW_SIZE || (usedReliableWindows & ahead) != 0;
    }

    void markSent(int sequence) {
        int window = sequence / WINDOW_SIZE;
        usedReliableWindows |= 1 << window;
        reliableWindows[window]++;
    }

    void markAcknowledged(int sequence) {
        int window = sequence / WINDOW_SIZE;
        if (reliableWindows[window] > 0 && --reliableWindows[window] == 0) {
            usedReliableWindows &= ~(1 << window);
        }
    }

    /** Whether {@code sequence} lies in the windows the receiver accepts (ENet discards, but acknowledges, the rest). */
    boolean inWindow(int sequence) {
        int offset = windowOffset(sequence);
        return offset >= 0 && offset < FREE_WINDOWS - 1;
    }

    /** ENet neither keeps nor acknowledges commands from the two windows just past the accepted ones. */
    boolean acknowledgeable(int sequence) {
        int offset = windowOffset(sequence);
        return offset < FREE_WINDOWS - 1 || offset > FREE_WINDOWS;
    }

    private int windowOffset(int sequence) {
        int window = sequence / WINDOW_SIZE;
        if (sequence < incomingReliable) {
            window += WINDOWS;
        }
        return window - incomingReliable / WINDOW_SIZE;
    }

    DropReason acceptReliable(Connection connection, int sequence, byte[] data, Consumer<byte[]> deliver) {
        if (!inWindow(sequence) || sequence == incomingReliable || reliable.containsKey(sequence)) {
            return null;
        }
        Assembly packet = Assembly.whole(sequence, 0, data);
        if (!connection.reserve(packet.cost)) {
            return DropReason.REJECTED;
        }
        reliable.put(sequence, packet);
        dispatchReliable(connection, deliver);
        return null;
    }

    DropReason acceptFragment(Connection connection, SendFragment fragment, int maxPacketSize, Consumer<byte[]> deliver) {
        int start = fragment.startSequenceNumber();
        if (!inWindow(start)) {
            return null;
        }
        if (!valid(fragment, maxPacketSize, true)) {
            return DropReason.MALFORMED;
        }
        Assembly assembly = reliable.get(start);
        if (assembly == null) {
            if (start == incomingReliable) {
                return DropReason.REJECTED;
            }
            assembly = Assembly.fragmented(start, 0, fragment);
            if (!connection.reserve(assembly.cost)) {
                return DropReason.REJECTED;
            }
            reliable.put(start, assembly);
        } else if (!assembly.accepts(fragment)) {
            return DropReason.REJECTED;
        }
        if (assembly.add(fragment)) {
            dispatchReliable(connection, deliver);
        }
        return null;
    }

    DropReason acceptUnreliable(Connection connection, int sequence, int unreliableSequence, byte[] data, Consumer<byte[]> deliver) {
        if (stale(sequence, unreliableSequence)) {
            return null;
        }
        if (sequence == incomingReliable) {
            incomingUnreliable = unreliableSequence;
            deliver.accept(data);
            return null;
        }
        if (find(sequence, unreliableSequence) != null) {
            return null;
        }
        Assembly packet = Assembly.whole(sequence, unreliableSequence, data);
        if (!connection.reserve(packet.cost)) {
            return DropReason.REJECTED;
        }
        unreliable.add(packet);
        return null;
    }

    DropReason acceptUnreliableFragment(Connection connection, SendFragment fragment, int maxPacketSize, Consumer<byte[]> deliver) {
        int sequence = fragment.header().reliableSequenceNumber();
        int unreliableSequence = fragment.startSequenceNumber();
        if (stale(sequence, unreliableSequence)) {
            return null;
        }
        if (!valid(fragment, maxPacketSize, false)) {
            return DropReason.MALFORMED;
        }
        Assembly assembly = find(sequence, unreliableSequence);
        if (assembly == null) {
            assembly = Assembly.fragmented(sequence, unreliableSequence, fragment);
            if (!connection.reserve(assembly.cost)) {
                return DropReason.REJECTED;
            }
            unreliable.add(assembly);
        } else if (!assembly.accepts(fragment)) {
            return DropReason.REJECTED;
        }
        if (assembly.add(fragment) && sequence == incomingReliable) {
            unreliable.remove(assembly);
            connection.release(assembly.cost);
            incomingUnreliable = unreliableSequence;
            deliver.accept(assembly.data);
        }
        return null;
    }

    private boolean stale(int sequence, int unreliableSequence) {
        return !inWindow(sequence) || sequence == incomingReliable && unreliableSequence <= incomingUnreliable;
    }

    private Assembly find(int sequence, int unreliableSequence) {
        for (Assembly waiting : unreliable) {
            if (waiting.reliableSequence == sequence && waiting.unreliableSequence == unreliableSequence) {
                return waiting;
            }
        }
        return null;
    }

    private void dispatchReliable(Connection connection, Consumer<byte[]> deliver) {
        boolean advanced = false;
        for (;;) {
            int next = (incomingReliable + 1) & 0xFFFF;
            Assembly packet = reliable.get(next);
            if (packet == null || packet.remaining > 0) {
                break;
            }
            reliable.remove(next);
            connection.release(packet.cost);
            // a reassembled packet used one sequence number per fragment
            incomingReliable = packet.fragmentCount > 0 ? (next + packet.fragmentCount - 1) & 0xFFFF : next;
            if (packet.fragmentCount > 1) {
                discardCovered(connection, next, packet.fragmentCount);
            }
            deliver.accept(packet.data);
            advanced = true;
        }
        if (advanced) {
            incomingUnreliable = 0;
            dispatchUnreliable(connection, deliver);
        }
    }

    /** Drops anything parked under sequence numbers a reassembled packet turned out to own (only forgeries land there). */
    private void discardCovered(Connection connection, int start, long count) {
        reliable.values().removeIf(parked -> {
            long distance = (parked.reliableSequence - start) & 0xFFFF;
            boolean covered = distance >= 1 && distance < count;
            if (covered) {
                connection.release(parked.cost);
            }
            return covered;
        });
    }

    private void dispatchUnreliable(Connection connection, Consumer<byte[]> deliver) {
        unreliable.sort(Comparator.comparingInt((Assembly a) -> windowOffset(a.reliableSequence)).thenComparingInt(a -> a.unreliableSequence));
        for (Iterator<Assembly> it = unreliable.iterator(); it.hasNext(); ) {
            Assembly waiting = it.next();
            boolean current = waiting.reliableSequence == incomingReliable;
            if (current && waiting.unreliableSequence <= incomingUnreliable || !current && !inWindow(waiting.reliableSequence)) {
                it.remove();
                connection.release(waiting.cost);
            } else if (current && waiting.remaining == 0) {
                it.remove();
                connection.release(waiting.cost);
                incomingUnreliable = waiting.unreliableSequence;
                deliver.accept(waiting.data);
            }
        }
    }

    void resetIncoming() {
        reliable.clear();
        unreliable.clear();
    }

    void resetOutgoingWindows() {
        java.util.Arrays.fill(reliableWindows, 0);
        usedReliableWindows = 0;
    }

    /** ENet's checks on a fragment's geometry; reliable fragments must also be non-empty and no more than the bytes. */
    private static boolean valid(SendFragment f, int maxPacketSize, boolean reliable) {
        long length = f.data().length;
        return f.fragmentCount() <= MAXIMUM_FRAGMENT_COUNT && f.fragmentNumber() < f.fragmentCount()
                && f.totalLength() <= maxPacketSize && f.fragmentOffset() < f.totalLength()
                && length <= f.totalLength() - f.fragmentOffset()
                && (!reliable || length > 0 && f.totalLength() >= f.fragmentCount());
    }

    /** A packet being put together (or a whole one parked until its turn). */
    private static final class Assembly {
        final int reliableSequence;
        final int unreliableSequence;
        final byte[] data;
        final int fragmentCount;
        final int cost;
        final BitSet received;
        int remaining;

        private Assembly(int reliableSequence, int unreliableSequence, byte[] data, int fragmentCount) {
            this.reliableSequence = reliableSequence;
            this.unreliableSequence = unreliableSequence;
            this.data = data;
            this.fragmentCount = fragmentCount;
            this.remaining = fragmentCount;
            this.received = fragmentCount > 0 ? new BitSet() : null;
            this.cost = data.length + BOOKKEEPING_COST;
        }

        static Assembly whole(int reliableSequence, int unreliableSequence, byte[] data) {
            return new Assembly(reliableSequence, unreliableSequence, data, 0);
        }

        static Assembly fragmented(int reliableSequence, int unreliableSequence, SendFragment first) {
            return new Assembly(reliableSequence, unreliableSequence, new byte[(int) first.totalLength()], (int) first.fragmentCount());
        }

        boolean accepts(SendFragment fragment) {
            return received != null && fragment.totalLength() == data.length && fragment.fragmentCount() == fragmentCount;
        }

        /** Copies the fragment in unless it came already; true when that completed the packet. */
        boolean add(SendFragment fragment) {
            int number = (int) fragment.fragmentNumber();
            if (received.get(number)) {
                return false;
            }
            received.set(number);
            int offset = (int) fragment.fragmentOffset();
            System.arraycopy(fragment.data(), 0, data, offset, Math.min(fragment.data().length, data.length - offset));
            return --remaining == 0;
        }
    }
}
