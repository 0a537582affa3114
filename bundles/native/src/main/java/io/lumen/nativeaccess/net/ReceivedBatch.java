package io.lumen.nativeaccess.net;

import io.lumen.nativeaccess.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.util.Arrays;

import static io.lumen.nativeaccess.net.SocketMessageAbi.IOVEC;
import static io.lumen.nativeaccess.net.SocketAbi.MMSGHDR;

/**
 * Room for one recvmmsg call and what it brought: {@code slots} buffers of {@code slotBytes} each, their senders,
 * and the datagrams found in them (a slot holds several when GRO coalesced them). Reused call after call by one
 * receiving thread; what {@link #datagram} returns is valid until the next receive into this batch.
 */
public final class ReceivedBatch {

    /** What one control message of a received datagram may carry here: UDP_GRO's int. */
    private static final long CONTROL_BYTES = SocketMessageAbi.cmsgSpace(Integer.BYTES) * 2;

    private final int slots;
    private final int slotBytes;
    private final MemorySegment buffers;
    private final MemorySegment names;
    private final MemorySegment controls;
    private final MemorySegment messages;
    private final MemorySegment errno;
    private int count;
    private long[] offsets;
    private int[] lengths;
    private int[] slotOf;
    private int truncated;
    private int messagesFilled;

    /** Off-heap room freed by the collector once the batch is unreachable. */
    public ReceivedBatch(int slots, int slotBytes) {
        if (slots < 1 || slots > 1024 || slotBytes < 1 || slotBytes > 65_535) {
            throw new IllegalArgumentException("a batch has 1..1024 slots of 1..65535 bytes, not " + slots + " of "
                    + slotBytes);
        }
        Arena arena = Arena.ofAuto();
        this.slots = slots;
        this.slotBytes = slotBytes;
        this.buffers = arena.allocate((long) slots * slotBytes, 64);
        this.names = arena.allocate((long) slots * SocketAbi.SOCKADDR_BYTES, 8);
        this.controls = arena.allocate(slots * CONTROL_BYTES, 8);
        this.messages = arena.allocate(MMSGHDR, slots);
        this.errno = Errno.newState(arena);
        MemorySegment iovecs = arena.allocate(IOVEC, slots);
        for (int s = 0; s < slots; s++) {
            long iov = s * IOVEC.byteSize();
            iovecs.set(ValueLayout.ADDRESS, iov + SocketMessageAbi.IOV_BASE, buffers.asSlice((long) s * slotBytes));
            iovecs.set(ValueLayout.JAVA_LONG, iov + SocketMessageAbi.IOV_LEN, slotBytes);
            long header = s * MMSGHDR.byteSize();
            messages.set(ValueLayout.ADDRESS, header + SocketMessageAbi.MSG_NAME,
                    names.asSlice((long) s * SocketAbi.SOCKADDR_BYTES));
            messages.set(ValueLayout.ADDRESS, header + SocketMessageAbi.MSG_IOV, iovecs.asSlice(iov));
            messages.set(ValueLayout.JAVA_LONG, header + SocketMessageAbi.MSG_IOVLEN, 1);
            messages.set(ValueLayout.ADDRESS, header + SocketMessageAbi.MSG_CONTROL,
                    controls.asSlice(s * CONTROL_BYTES));
        }
        this.offsets = new long[slots];
        this.lengths = new int[slots];
        this.slotOf = new int[slots];
    }

    public int slotBytes() {
        return slotBytes;
    }

    /** Datagrams the last receive brought. */
    public int count() {
        return count;
    }

    /** Datagram {@code i} of the last receive. */
    public MemorySegment datagram(int i) {
        return buffers.asSlice(offset(i), length(i));
    }

    /** Where datagram {@code i} starts in {@link #buffers()}: read it without a slice per datagram. */
    public long offset(int i) {
        checkIndex(i);
        return offsets[i];
    }

    public int length(int i) {
        checkIndex(i);
        return lengths[i];
    }

    /** Every slot, back to back. */
    public MemorySegment buffers() {
        return buffers;
    }

    /** Who sent datagram {@code i}. */
    public InetSocketAddress sender(int i) {
        checkIndex(i);
        return SocketAddresses.read(names.asSlice((long) slotOf[i] * SocketAbi.SOCKADDR_BYTES,
                SocketAbi.SOCKADDR_BYTES));
    }

    /** Datagrams as the kernel handed them over in the last receive: fewer than {@link #count} when GRO coalesced. */
    public int messages() {
        return messagesFilled;
    }

    /** Datagrams of the last receive cut short because they were longer than a slot. */
    public int truncated() {
        return truncated;
    }

    /**
     * recvmmsg into every slot, waiting for the first datagram only; then finds the datagrams. Returns the count,
     * or minus the errno.
     */
    int receive(int fd) throws Throwable {
        count = 0;
        truncated = 0;
        messagesFilled = 0;
        for (int s = 0; s < slots; s++) {
            long header = s * MMSGHDR.byteSize();
            messages.set(ValueLayout.JAVA_INT, header + SocketMessageAbi.MSG_NAMELEN, SocketAbi.SOCKADDR_BYTES);
            messages.set(ValueLayout.JAVA_LONG, header + SocketMessageAbi.MSG_CONTROLLEN, CONTROL_BYTES);
            messages.set(ValueLayout.JAVA_INT, header + SocketMessageAbi.MSG_FLAGS, 0);
        }
        int received = (int) SocketAbi.RECVMMSG.invokeExact(errno, fd, messages, slots, SocketAbi.MSG_WAITFORONE,
                MemorySegment.NULL);
        if (received < 0) {
            return -Errno.value(errno);
        }
        messagesFilled = received;
        for (int s = 0; s < received; s++) {
            long header = s * MMSGHDR.byteSize();
            int length = messages.get(ValueLayout.JAVA_INT, header + SocketAbi.MMSG_LEN);
            if ((messages.get(ValueLayout.JAVA_INT, header + SocketMessageAbi.MSG_FLAGS) & SocketAbi.MSG_TRUNC) != 0) {
                truncated++;
            }
            int segment = groSegmentBytes(s,
                    messages.get(ValueLayout.JAVA_LONG, header + SocketMessageAbi.MSG_CONTROLLEN));
            long base = (long) s * slotBytes;
            int step = segment > 0 ? segment : Math.max(length, 1);
            for (int at = 0; at < length || at == 0 && length == 0; at += step) {
                add(base + at, Math.min(step, length - at), s);
            }
        }
        return count;
    }

    /** The gso_size of a slot GRO filled with coalesced datagrams, or 0. */
    private int groSegmentBytes(int slot, long controlBytes) {
        MemorySegment control = controls.asSlice(slot * CONTROL_BYTES, CONTROL_BYTES);
        long header = SocketMessageAbi.cmsgLen(0);
        for (long at = 0; at + header <= Math.min(controlBytes, CONTROL_BYTES); ) {
            long length = control.get(ValueLayout.JAVA_LONG, at + SocketMessageAbi.CMSG_LEN_FIELD);
            if (length < header) {
                break;
            }
            if (control.get(ValueLayout.JAVA_INT, at + SocketMessageAbi.CMSG_LEVEL) == SocketAbi.SOL_UDP
                    && control.get(ValueLayout.JAVA_INT, at + SocketMessageAbi.CMSG_TYPE) == SocketAbi.UDP_GRO
                    && length >= SocketMessageAbi.cmsgLen(Integer.BYTES)) {
                return control.get(ValueLayout.JAVA_INT, at + header);
            }
            at += SocketMessageAbi.cmsgAlign(length);
        }
        return 0;
    }

    private void add(long offset, int length, int slot) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
            slotOf = Arrays.copyOf(slotOf, count * 2);
        }
        offsets[count] = offset;
        lengths[count] = length;
        slotOf[count] = slot;
        count++;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("datagram " + i + " of " + count);
        }
    }
}
