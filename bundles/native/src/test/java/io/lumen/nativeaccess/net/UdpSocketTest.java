package io.lumen.nativeaccess.net;

import io.lumen.nativeaccess.Errno;
import io.lumen.nativeaccess.NativeLibrary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.*;

/** Real sockets on loopback: what a batch sends arrives whole and in order on every path, and the edges hold. */
class UdpSocketTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final ValueLayout.OfInt BE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int DATAGRAM = 1408;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** {@code count} datagrams numbered from {@code first}: the number, then bytes that follow from it. */
    private static MemorySegment datagrams(Arena arena, int first, int count, int size) {
        MemorySegment region = arena.allocate((long) count * size);
        for (int i = 0; i < count; i++) {
            MemorySegment d = region.asSlice((long) i * size, size);
            for (int j = 0; j < size; j++) {
                d.set(ValueLayout.JAVA_BYTE, j, (byte) (first + i + j));
            }
            d.set(BE32, 0, first + i);
        }
        return region;
    }

    /** Checks {@code datagram} is number {@code expected} as {@link #datagrams} made it. */
    private static void assertDatagram(int expected, MemorySegment datagram, int size) {
        assertEquals(size, datagram.byteSize(), "datagram " + expected + "'s length");
        assertEquals(expected, datagram.get(BE32, 0), "datagrams arrive in order");
        for (int j = 4; j < size; j++) {
            if (datagram.get(ValueLayout.JAVA_BYTE, j) != (byte) (expected + j)) {
                fail("datagram " + expected + " differs at byte " + j);
            }
        }
    }

    /** Receives on another thread until {@code count} datagrams came; closes the socket and fails at the deadline. */
    private static List<MemorySegment> receive(UdpSocket socket, ReceivedBatch batch, int count) throws Exception {
        return receive(socket, batch, count, new AtomicInteger());
    }

    /** As above, counting the messages the kernel handed over (fewer than the datagrams when GRO coalesced). */
    private static List<MemorySegment> receive(UdpSocket socket, ReceivedBatch batch, int count,
                                               AtomicInteger messages) throws Exception {
        CompletableFuture<List<MemorySegment>> done = new CompletableFuture<>();
        Thread.ofPlatform().name("udp-test-receiver").daemon().start(() -> {
            List<MemorySegment> got = new ArrayList<>();
            try (Arena copies = Arena.ofConfined()) {
                while (got.size() < count) {
                    int n = socket.receive(batch);
                    assertEquals(0, batch.truncated(), "no datagram is longer than a slot");
                    messages.addAndGet(batch.messages());
                    for (int i = 0; i < n; i++) {
                        MemorySegment copy = Arena.ofAuto().allocate(batch.length(i));
                        copy.copyFrom(batch.datagram(i));
                        got.add(copy);
                    }
                }
                done.complete(got);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(DEADLINE_NANOS, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            socket.close();
            throw new AssertionError("fewer than " + count + " datagrams arrived in time", e);
        }
    }

    @ParameterizedTest
    @EnumSource(SendPath.class)
    void aBatchArrivesWholeAndInOrderOnEachPath(SendPath path) throws Exception {
        try (Arena arena = Arena.ofConfined(); UdpSocket sender = UdpSocket.open(ANY_LOOPBACK);
             UdpSocket receiver = UdpSocket.open(ANY_LOOPBACK)) {
            Assumptions.assumeTrue(sender.sendPath().compareTo(path) <= 0, "the kernel offers no " + path.description());
            receiver.receiveBuffer(4 << 20);
            sender.limitSendPath(path);
            int count = 300; // several GSO messages and sendmmsg calls, the last of them short
            sender.sendBatch(datagrams(arena, 0, count, DATAGRAM), DATAGRAM, count, receiver.localAddress());
            sender.send(datagrams(arena, count, 1, 100), receiver.localAddress());
            assertEquals(path, sender.sendPath(), "the path asked for is the path taken");
            List<MemorySegment> got = receive(receiver, new ReceivedBatch(64, 2048), count + 1);
            for (int i = 0; i < count; i++) {
                assertDatagram(i, got.get(i), DATAGRAM);
            }
            assertDatagram(count, got.get(count), 100);
            assertEquals(0, receiver.drops());
        }
    }

    @Test
    void ipv6WorksAsIpv4Does() throws Exception {
        UdpSocket probe;
        try {
            probe = UdpSocket.open(new InetSocketAddress("::1", 0));
        } catch (IOException e) {
            Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
            return;
        }
        try (Arena arena = Arena.ofConfined(); UdpSocket sender = probe;
             UdpSocket receiver = UdpSocket.open(new InetSocketAddress("::1", 0))) {
            receiver.receiveBuffer(4 << 20);
            sender.sendBatch(datagrams(arena, 0, 100, DATAGRAM), DATAGRAM, 100, receiver.localAddress());
            List<MemorySegment> got = receive(receiver, new ReceivedBatch(16, 2048), 100);
            for (int i = 0; i < 100; i++) {
                assertDatagram(i, got.get(i), DATAGRAM);
            }
            ReceivedBatch one = new ReceivedBatch(1, 64);
            receiver.send(datagrams(arena, 7, 1, 8), sender.localAddress());
            assertEquals(1, sender.receive(one));
            assertEquals(receiver.localAddress(), one.sender(0), "the sender's address comes back");
            assertEquals(new InetSocketAddress("::1", receiver.localAddress().getPort()), one.sender(0));
        }
    }

    @Test
    void aKernelRefusingGsoIsDetectedOnceAndTheBatchStillArrives() throws Throwable {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = recordInto(records);
        Logger jul = Logger.getLogger("lumen.native.udp");
        jul.addHandler(handler);
        try (Arena arena = Arena.ofConfined(); UdpSocket sender = UdpSocket.open(ANY_LOOPBACK);
             UdpSocket receiver = UdpSocket.open(ANY_LOOPBACK)) {
            Assumptions.assumeTrue(sender.sendPath() == SendPath.GSO, "the kernel has no UDP GSO at all");
            receiver.receiveBuffer(4 << 20);
            // UDP without checksums: the kernel refuses to segment it (EINVAL), as it refuses a route without offload
            setIntOption(sender.fd(), SocketMessageAbi.SOL_SOCKET, 11 /* SO_NO_CHECK */, 1);
            sender.sendBatch(datagrams(arena, 0, 100, DATAGRAM), DATAGRAM, 100, receiver.localAddress());
            assertEquals(SendPath.SENDMMSG, sender.sendPath(), "remembered");
            sender.sendBatch(datagrams(arena, 100, 100, DATAGRAM), DATAGRAM, 100, receiver.localAddress());
            List<MemorySegment> got = receive(receiver, new ReceivedBatch(64, 2048), 200);
            for (int i = 0; i < 200; i++) {
                assertDatagram(i, got.get(i), DATAGRAM);
            }
            List<String> refusals = records.stream().map(LogRecord::getMessage)
                    .filter(m -> m.contains("refuses UDP GSO")).toList();
            assertEquals(1, refusals.size(), "logged once: " + refusals);
            assertTrue(refusals.getFirst().contains("Invalid argument") && refusals.getFirst().contains("sendmmsg"),
                    refusals.getFirst());
        } finally {
            jul.removeHandler(handler);
        }
    }

    @Test
    void aReceiverBlockedInReceiveIsWokenByClose() throws Exception {
        UdpSocket socket = UdpSocket.open(ANY_LOOPBACK);
        AtomicInteger tid = new AtomicInteger();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread receiver = Thread.ofPlatform().name("udp-blocked-receiver").daemon().start(() -> {
            try {
                tid.set((int) GETTID.invokeExact());
                socket.receive(new ReceivedBatch(4, 2048));
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        // asleep in the kernel: the state letter in /proc/self/task/<tid>/stat turns to S
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!sleeping(tid.get()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertTrue(sleeping(tid.get()), "the receiver is blocked in recvmmsg");
        socket.close();
        Throwable outcome = ended.get(10, TimeUnit.SECONDS);
        assertInstanceOf(ClosedChannelException.class, outcome);
        receiver.join(1000);
        assertFalse(socket.isOpen());
        try (Arena arena = Arena.ofConfined()) {
            assertThrows(ClosedChannelException.class, () -> socket.send(arena.allocate(8), ANY_LOOPBACK));
            assertThrows(ClosedChannelException.class, () -> socket.receive(new ReceivedBatch(1, 8)));
        }
        socket.close(); // twice is fine
    }

    @Test
    void errorsSayWhatWentWrong() throws Exception {
        try (Arena arena = Arena.ofConfined(); UdpSocket socket = UdpSocket.open(ANY_LOOPBACK)) {
            BindException taken = assertThrows(BindException.class, () -> UdpSocket.open(socket.localAddress()));
            assertTrue(taken.getMessage().contains("Address already in use")
                    && taken.getMessage().contains(String.valueOf(socket.localAddress().getPort())), taken.getMessage());

            MemorySegment region = arena.allocate(4 * DATAGRAM);
            InetSocketAddress v6 = new InetSocketAddress("::1", 9);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> socket.sendBatch(region, DATAGRAM, 4, v6))
                    .getMessage().contains("IPv4"));
            assertThrows(IllegalArgumentException.class, () -> socket.sendBatch(region, DATAGRAM, 5, ANY_LOOPBACK),
                    "five datagrams do not fit four's room");
            assertThrows(IllegalArgumentException.class, () -> socket.sendBatch(arena.allocate(70_000), 70_000, 1,
                    ANY_LOOPBACK), "over a UDP datagram's 65507 bytes");
            assertThrows(IllegalArgumentException.class, () -> socket.send(MemorySegment.ofArray(new byte[8]),
                    socket.localAddress()), "heap memory cannot be handed to the kernel");

            SendPath before = socket.sendPath();
            // port 0 is no destination: every path fails alike, which is not the kernel refusing GSO
            IOException refused = assertThrows(IOException.class, () -> socket.sendBatch(region, DATAGRAM, 4,
                    ANY_LOOPBACK));
            assertTrue(refused.getMessage().contains("Invalid argument") && refused.getMessage().contains(
                    before.description()), refused.getMessage());
            assertEquals(before, socket.sendPath(), "an error that is not about GSO keeps GSO");
        }
    }

    @Test
    void buffersGrowPastTheSysctlCapWhereTheProcessMay() throws Exception {
        int wanted = 8 << 20;
        long cap = Long.parseLong(Files.readString(Path.of("/proc/sys/net/core/rmem_max")).trim());
        try (UdpSocket socket = UdpSocket.open(ANY_LOOPBACK)) {
            int granted = socket.receiveBuffer(wanted);
            if (hasNetAdmin()) {
                assertEquals(2L * wanted, granted, "SO_RCVBUFFORCE passes net.core.rmem_max " + cap);
            } else {
                assertEquals(2L * Math.min(wanted, cap), granted, "capped at net.core.rmem_max");
            }
            assertTrue(socket.sendBuffer(1 << 20) >= 2 << 20);
        }
    }

    @Test
    void dropsCountWhatTheReceiveBufferCouldNotHold() throws Exception {
        try (Arena arena = Arena.ofConfined(); UdpSocket sender = UdpSocket.open(ANY_LOOPBACK);
             UdpSocket receiver = UdpSocket.open(ANY_LOOPBACK)) {
            receiver.receiveBuffer(32 << 10);
            int count = 400;
            sender.sendBatch(datagrams(arena, 0, count, DATAGRAM), DATAGRAM, count, receiver.localAddress());
            long drops = receiver.drops();
            assertTrue(drops > 0 && drops < count, drops + " of " + count + " dropped");
            List<MemorySegment> got = receive(receiver, new ReceivedBatch(64, 2048), (int) (count - drops));
            assertEquals(count, got.size() + drops, "every datagram was either read or counted as dropped");
            assertDatagram(0, got.getFirst(), DATAGRAM);
        }
    }

    @Test
    void groHandsCoalescedDatagramsOverAndTheBatchCutsThemApart() throws Exception {
        try (Arena arena = Arena.ofConfined(); UdpSocket sender = UdpSocket.open(ANY_LOOPBACK);
             UdpSocket receiver = UdpSocket.open(ANY_LOOPBACK)) {
            Assumptions.assumeTrue(receiver.enableGro(), "the kernel refuses UDP GRO");
            receiver.receiveBuffer(4 << 20);
            assertThrows(IllegalArgumentException.class, () -> receiver.receive(new ReceivedBatch(4, 2048)),
                    "coalesced datagrams need 64 KB slots");
            int count = 200;
            sender.sendBatch(datagrams(arena, 0, count, DATAGRAM), DATAGRAM, count, receiver.localAddress());
            sender.send(datagrams(arena, count, 1, 700), receiver.localAddress());
            AtomicInteger messages = new AtomicInteger();
            List<MemorySegment> got = receive(receiver, new ReceivedBatch(8, 65_535), count + 1, messages);
            for (int i = 0; i < count; i++) {
                assertDatagram(i, got.get(i), DATAGRAM);
            }
            assertDatagram(count, got.get(count), 700);
            if (sender.sendPath() == SendPath.GSO) {
                // loopback hands a GSO send to a GRO socket whole: one message per up to 46 datagrams
                assertTrue(messages.get() <= 6, messages.get() + " messages for " + (count + 1) + " datagrams");
            }
        }
    }

    private static final MethodHandle GETTID = NativeLibrary.libc().downcall("gettid",
            FunctionDescriptor.of(ValueLayout.JAVA_INT));

    private static boolean sleeping(int tid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
            return tid != 0 && stat.charAt(stat.lastIndexOf(')') + 2) == 'S';
        } catch (IOException e) {
            return false;
        }
    }

    /** CAP_NET_ADMIN (bit 12) among the effective capabilities: SO_RCVBUFFORCE is allowed. */
    private static boolean hasNetAdmin() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 12)) != 0;
            }
        }
        return false;
    }

    private static void setIntOption(int fd, int level, int option, int value) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Errno.newState(arena);
            int result = (int) SocketAbi.SETSOCKOPT.invokeExact(errno, fd, level, option,
                    arena.allocateFrom(ValueLayout.JAVA_INT, value), Integer.BYTES);
            assertEquals(0, result, () -> "setsockopt: " + Errno.describe(Errno.value(errno)));
        }
    }

    private static Handler recordInto(List<LogRecord> records) {
        return new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
