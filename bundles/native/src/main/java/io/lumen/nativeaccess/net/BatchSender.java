package io.lumen.nativeaccess.net;

import io.lumen.nativeaccess.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;

import static io.lumen.nativeaccess.net.SocketMessageAbi.IOVEC;
import static io.lumen.nativeaccess.net.SocketAbi.MMSGHDR;

/**
 * The three ways one socket's batches reach the kernel, as raw calls: each sends from the front of a batch and
 * returns how many datagrams left, or minus the errno. Holds the message headers, iovecs and the GSO control
 * message, written once and then only their lengths per call. One sending thread at a time (the socket locks).
 */
final class BatchSender {

    /** The kernel's UDP_MAX_SEGMENTS before 6.x raised it to 128: one GSO send cuts at most this many. */
    static final int MAX_GSO_SEGMENTS = 64;
    /** A GSO send is one UDP packet before the kernel cuts it: its payload must fit an IPv4 packet. */
    static final int MAX_GSO_BYTES = 65_507;
    /** Messages per sendmmsg: enough to amortize the call, few enough to keep the headers in a page or two. */
    static final int MAX_MESSAGES = 64;
    /** CMSG_DATA: the control message's data follows its header. */
    private static final long CMSG_DATA = SocketMessageAbi.cmsgLen(0);

    private final int fd;
    private final int family;
    private final MemorySegment errno;
    private final MemorySegment destination;
    private final MemorySegment messages;
    private final MemorySegment iovecs;
    private final MemorySegment gsoControl;
    private final long gsoControlBytes;
    private InetSocketAddress destinationAddress;
    private int destinationBytes;
    private int gsoSegmentBytes;

    BatchSender(int fd, int family, Arena arena) {
        this.fd = fd;
        this.family = family;
        this.errno = Errno.newState(arena);
        this.destination = arena.allocate(SocketAbi.SOCKADDR_BYTES, 8);
        this.messages = arena.allocate(MMSGHDR, MAX_MESSAGES);
        this.iovecs = arena.allocate(IOVEC, MAX_MESSAGES);
        this.gsoControlBytes = SocketMessageAbi.cmsgSpace(Short.BYTES);
        this.gsoControl = arena.allocate(gsoControlBytes, 8);
        gsoControl.set(ValueLayout.JAVA_LONG, SocketMessageAbi.CMSG_LEN_FIELD, SocketMessageAbi.cmsgLen(Short.BYTES));
        gsoControl.set(ValueLayout.JAVA_INT, SocketMessageAbi.CMSG_LEVEL, SocketAbi.SOL_UDP);
        gsoControl.set(ValueLayout.JAVA_INT, SocketMessageAbi.CMSG_TYPE, SocketAbi.UDP_SEGMENT);
        for (int m = 0; m < MAX_MESSAGES; m++) {
            long header = m * MMSGHDR.byteSize();
            messages.set(ValueLayout.ADDRESS, header + SocketMessageAbi.MSG_NAME, destination);
            messages.set(ValueLayout.ADDRESS, header + SocketMessageAbi.MSG_IOV, iovecs.asSlice(m * IOVEC.byteSize()));
            messages.set(ValueLayout.JAVA_LONG, header + SocketMessageAbi.MSG_IOVLEN, 1);
        }
    }

    /** Datagrams of {@code datagramBytes} that one GSO message carries. */
    static int segmentsPerGsoMessage(int datagramBytes) {
        return Math.clamp(MAX_GSO_BYTES / datagramBytes, 1, MAX_GSO_SEGMENTS);
    }

    /** Where the next calls send; the sockaddr is written only when it changes. */
    void destination(InetSocketAddress to) {
        if (!to.equals(destinationAddress)) {
            destinationBytes = SocketAddresses.write(to, family, destination);
            destinationAddress = to;
        }
    }

    /** The errno of the last failed call. */
    int errno() {
        return Errno.value(errno);
    }

    /** Up to MAX_MESSAGES GSO messages of up to MAX_GSO_SEGMENTS datagrams each, in one call. */
    int gso(long address, int datagramBytes, int count) throws Throwable {
        if (gsoSegmentBytes != datagramBytes) {
            gsoControl.set(ValueLayout.JAVA_SHORT, CMSG_DATA, (short) datagramBytes);
            gsoSegmentBytes = datagramBytes;
        }
        int perMessage = segmentsPerGsoMessage(datagramBytes);
        int messageCount = Math.min(MAX_MESSAGES, (count + perMessage - 1) / perMessage);
        for (int m = 0; m < messageCount; m++) {
            int segments = Math.min(perMessage, count - m * perMessage);
            message(m, address + (long) m * perMessage * datagramBytes, (long) segments * datagramBytes,
                    gsoControl, gsoControlBytes);
        }
        int sent = messageCount == 1 ? sendOneMessage() : sendMessages(messageCount);
        return sent <= 0 ? sent : Math.min(count, sent * perMessage);
    }

    /** Up to MAX_MESSAGES datagrams, one message each, in one call. */
    int mmsg(long address, int datagramBytes, int count) throws Throwable {
        int messageCount = Math.min(MAX_MESSAGES, count);
        for (int m = 0; m < messageCount; m++) {
            message(m, address + (long) m * datagramBytes, datagramBytes, MemorySegment.NULL, 0);
        }
        return sendMessages(messageCount);
    }

    /** One datagram. */
    int single(long address, int datagramBytes) throws Throwable {
        long sent = (long) SocketAbi.SENDTO.invokeExact(errno, fd, MemorySegment.ofAddress(address),
                (long) datagramBytes, 0, destination, destinationBytes);
        return sent < 0 ? -errno() : 1;
    }

    private void message(int m, long address, long bytes, MemorySegment control, long controlBytes) {
        long iov = m * IOVEC.byteSize();
        iovecs.set(ValueLayout.ADDRESS, iov + SocketMessageAbi.IOV_BASE, MemorySegment.ofAddress(address));
        iovecs.set(ValueLayout.JAVA_LONG, iov + SocketMessageAbi.IOV_LEN, bytes);
        long header = m * MMSGHDR.byteSize();
        messages.set(ValueLayout.JAVA_INT, header + SocketMessageAbi.MSG_NAMELEN, destinationBytes);
        messages.set(ValueLayout.ADDRESS, header + SocketMessageAbi.MSG_CONTROL, control);
        messages.set(ValueLayout.JAVA_LONG, header + SocketMessageAbi.MSG_CONTROLLEN, controlBytes);
        messages.set(ValueLayout.JAVA_INT, header + SocketMessageAbi.MSG_FLAGS, 0);
    }

    /** sendmsg of the first header: 1 when it left, else minus the errno. */
    private int sendOneMessage() throws Throwable {
        long sent = (long) SocketMessageAbi.SENDMSG.invokeExact(errno, fd, messages, 0);
        return sent < 0 ? -errno() : 1;
    }

    /** sendmmsg: how many messages left (the kernel stops at the first that fails), else minus the errno. */
    private int sendMessages(int count) throws Throwable {
        int sent = (int) SocketAbi.SENDMMSG.invokeExact(errno, fd, messages, count, 0);
        return sent < 0 ? -errno() : sent;
    }
}
