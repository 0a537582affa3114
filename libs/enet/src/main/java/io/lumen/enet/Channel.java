package io.lumen.enet;

import io.lumen.enet.wire.Command.SendFragment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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

    int outgoingReliable;
    int outgoingUnreliable;
    private final int[] reliableWindows = new int[WINDOWS];
    private int usedReliableWindows;

    int incomingReliable;
    int incomingUnreliable;
    /** Reliable packets (and fragment reassemblies, at their first sequence number) that arrived ahead of their turn. */
    private final HashMap<Integer, HeldPacket> reliable = new HashMap<>();
    /**
     * Unreliable packets waiting for the reliable packet they were sent after, and unreliable reassemblies, by
     * {@link #unreliableKey}; in arrival order, so the oldest is first to go when the budget is short.
     */
    private final LinkedHashMap<Integer, HeldPacket> unreliable = new LinkedHashMap<>();

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
        HeldPacket packet = HeldPacket.whole(sequence, 0, connection.nextArrival(), data);
        if (!connection.reserve(packet.cost, null)) {
            return DropReason.OVER_BUDGET;
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
        long size = HeldPacket.fragmentLength(fragment, maxPacketSize);
        if (size < 0) {
            return DropReason.FRAGMENT_MISMATCH;
        }
        HeldPacket assembly = reliable.get(start);
        if (assembly == null && start == incomingReliable) {
            return DropReason.REJECTED;
        }
        DropReason refused = admitFragment(connection, assembly, fragment, size);
        if (refused != null || assembly != null && assembly.has(fragment)) {
            return refused;
        }
        if (assembly == null) {
            assembly = HeldPacket.reassembly(start, 0, connection.nextArrival(), fragment, size);
            reliable.put(start, assembly);
        }
        if (assembly.add(fragment)) {
            dispatchReliable(connection, deliver);
        }
        return null;
    }

    /** Checks a fragment against its reassembly (null: a new one) and charges it to the budget; null when it may be kept. */
    private static DropReason admitFragment(Connection connection, HeldPacket assembly, SendFragment fragment, long size) {
        if (assembly != null && assembly.complete()) {
            // a repeat of a piece of a packet already whole (our acknowledgement was lost): acknowledged again
            return null;
        }
        if (assembly != null && !assembly.matches(fragment, size)) {
            return DropReason.FRAGMENT_MISMATCH;
        }
        if (assembly != null && assembly.has(fragment)) {
            return null;
        }
        int cost = HeldPacket.costOf(fragment) + (assembly == null ? HeldPacket.BOOKKEEPING_COST : 0);
        return connection.reserve(cost, assembly) ? null : DropReason.OVER_BUDGET;
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
        int key = unreliableKey(sequence, unreliableSequence);
        if (unreliable.containsKey(key)) {
            return null;
        }
        HeldPacket packet = HeldPacket.whole(sequence, unreliableSequence, connection.nextArrival(), data);
        if (!connection.reserve(packet.cost, null)) {
            return DropReason.OVER_BUDGET;
        }
        unreliable.put(key, packet);
        return null;
    }

    DropReason acceptUnreliableFragment(Connection connection, SendFragment fragment, int maxPacketSize, Consumer<byte[]> deliver) {
        int sequence = fragment.header().reliableSequenceNumber();
        int unreliableSequence = fragment.startSequenceNumber();
        if (stale(sequence, unreliableSequence)) {
            return null;
        }
        long size = HeldPacket.fragmentLength(fragment, maxPacketSize);
        if (size < 0) {
            return DropReason.FRAGMENT_MISMATCH;
        }
        int key = unreliableKey(sequence, unreliableSequence);
        HeldPacket assembly = unreliable.get(key);
        DropReason refused = admitFragment(connection, assembly, fragment, size);
        if (refused != null || assembly != null && assembly.has(fragment)) {
            return refused;
        }
        if (assembly == null) {
            assembly = HeldPacket.reassembly(sequence, unreliableSequence, connection.nextArrival(), fragment, size);
            unreliable.put(key, assembly);
        }
        if (assembly.add(fragment) && sequence == incomingReliable) {
            unreliable.remove(key);
            connection.release(assembly.cost);
            incomingUnreliable = unreliableSequence;
            deliver.accept(assembly.data());
        }
        return null;
    }

    private static int unreliableKey(int sequence, int unreliableSequence) {
        return sequence << 16 | unreliableSequence & 0xFFFF;
    }

    /** The arrival number of the oldest unreliable packet held here other than {@code keep}, or {@code Long.MAX_VALUE}. */
    long oldestUnreliable(Object keep) {
        for (HeldPacket held : unreliable.values()) {
            if (held != keep) {
                return held.arrival;
            }
        }
        return Long.MAX_VALUE;
    }

    /** Forgets the oldest unreliable packet other than {@code keep} and returns the bytes it was charged. */
    int evictOldestUnreliable(Object keep) {
        for (Iterator<HeldPacket> it = unreliable.values().iterator(); it.hasNext(); ) {
            HeldPacket held = it.next();
            if (held != keep) {
                it.remove();
                return held.cost;
            }
        }
        return 0;
    }

    private boolean stale(int sequence, int unreliableSequence) {
        return !inWindow(sequence) || sequence == incomingReliable && unreliableSequence <= incomingUnreliable;
    }

    private void dispatchReliable(Connection connection, Consumer<byte[]> deliver) {
        boolean advanced = false;
        for (;;) {
            int next = (incomingReliable + 1) & 0xFFFF;
            HeldPacket packet = reliable.get(next);
            if (packet == null || !packet.complete()) {
                break;
            }
            reliable.remove(next);
            connection.release(packet.cost);
            // a reassembled packet used one sequence number per fragment
            incomingReliable = packet.fragmentCount > 0 ? (next + packet.fragmentCount - 1) & 0xFFFF : next;
            if (packet.fragmentCount > 1) {
                discardCovered(connection, next, packet.fragmentCount);
            }
            deliver.accept(packet.data());
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
        List<HeldPacket> ordered = new ArrayList<>(unreliable.values());
        ordered.sort(Comparator.comparingInt((HeldPacket a) -> windowOffset(a.reliableSequence)).thenComparingInt(a -> a.unreliableSequence));
        for (HeldPacket waiting : ordered) {
            boolean current = waiting.reliableSequence == incomingReliable;
            if (current && waiting.unreliableSequence <= incomingUnreliable || !current && !inWindow(waiting.reliableSequence)) {
                unreliable.remove(unreliableKey(waiting.reliableSequence, waiting.unreliableSequence));
                connection.release(waiting.cost);
            } else if (current && waiting.complete()) {
                unreliable.remove(unreliableKey(waiting.reliableSequence, waiting.unreliableSequence));
                connection.release(waiting.cost);
                incomingUnreliable = waiting.unreliableSequence;
                deliver.accept(waiting.data());
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
}
