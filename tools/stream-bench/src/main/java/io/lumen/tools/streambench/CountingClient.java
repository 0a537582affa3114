package io.lumen.tools.streambench;

import io.lumen.nativeaccess.net.ReceivedBatch;
import io.lumen.nativeaccess.net.UdpSocket;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The client end of the throughput runs: a socket on loopback that pings a video port once (so the sender learns
 * where to send) and then only reads and counts, on its own thread, with recvmmsg (64 datagrams a call) and, when
 * asked, UDP GRO. It looks at nothing, so the reading side is not what limits a sender; the kernel's drop counter
 * says when it was anyway.
 */
final class CountingClient implements AutoCloseable {

    private static final int SLOTS = 64;
    private static final long QUIET_NANOS = 50_000_000L;

    private final UdpSocket socket;
    private final boolean gro;
    private final int receiveBufferBytes;
    private final Thread reader;
    private final AtomicLong datagrams = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong receiveCalls = new AtomicLong();
    private final MemorySegment ping;
    private int pingCount;

    /**
     * {@code gro}: let the kernel hand coalesced datagrams over (a GSO sender's batches arrive whole on loopback);
     * {@code receiveBufferBytes}: past net.core.rmem_max only where the process may (SO_RCVBUFFORCE).
     */
    CountingClient(boolean gro, int receiveBufferBytes) throws IOException {
        socket = UdpSocket.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try {
            this.receiveBufferBytes = socket.receiveBuffer(receiveBufferBytes) / 2;
            this.gro = gro && socket.enableGro();
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        ping = Arena.ofAuto().allocate(64);
        ReceivedBatch batch = new ReceivedBatch(SLOTS, this.gro ? 65_535 : 2048);
        reader = Thread.ofPlatform().name("counting-client").daemon().start(() -> read(batch));
    }

    InetSocketAddress address() {
        return socket.localAddress();
    }

    /** "recvmmsg x64, GRO, 32 MB buffer". */
    String describe() {
        return "recvmmsg x" + SLOTS + (gro ? " + GRO" : "") + ", " + (receiveBufferBytes >> 20) + " MB buffer";
    }

    /** One SS_PING: the 16 payload characters, then a BE32 count. */
    void ping(InetSocketAddress videoPort, String payload) throws IOException {
        byte[] text = payload.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(text, 0, ping, ValueLayout.JAVA_BYTE, 0, text.length);
        ping.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN), text.length, ++pingCount);
        socket.send(ping.asSlice(0, text.length + Integer.BYTES), videoPort);
    }

    long datagrams() {
        return datagrams.get();
    }

    long bytes() {
        return bytes.get();
    }

    /** The reading thread's CPU time so far. */
    long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(reader.threadId());
    }

    /** recvmmsg calls that returned datagrams. */
    long receiveCalls() {
        return receiveCalls.get();
    }

    /** Datagrams the kernel dropped at this socket since it opened (its receive buffer was full). */
    long drops() throws IOException {
        return socket.drops();
    }

    /**
     * Waits until {@code count} datagrams in all have been read, or until none arrived for 50 ms (the rest were
     * dropped by the kernel); returns the count read.
     */
    long awaitDatagrams(long count) {
        return awaitCount(datagrams, count);
    }

    /** Waits until {@code counter} reaches {@code count} or stops moving for 50 ms; returns where it stopped. */
    static long awaitCount(AtomicLong counter, long count) {
        long last = counter.get();
        long lastChange = System.nanoTime();
        while (last < count && System.nanoTime() - lastChange < QUIET_NANOS) {
            LockSupport.parkNanos(1_000_000);
            long now = counter.get();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return last;
    }

    private void read(ReceivedBatch batch) {
        while (socket.isOpen()) {
            int count;
            try {
                count = socket.receive(batch);
            } catch (IOException e) {
                if (socket.isOpen()) {
                    System.err.println("counting client: " + e.getMessage());
                }
                return;
            }
            long sum = 0;
            for (int i = 0; i < count; i++) {
                sum += batch.length(i);
            }
            bytes.addAndGet(sum);
            datagrams.addAndGet(count);
            receiveCalls.incrementAndGet();
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
