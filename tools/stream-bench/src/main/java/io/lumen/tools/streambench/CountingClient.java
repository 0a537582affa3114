package io.lumen.tools.streambench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The client end of the throughput runs: a plain socket on loopback that pings a video port once (so the sender
 * learns where to send) and then only reads and counts, on its own thread. It looks at nothing, so it drains as
 * fast as a Java socket can, and it is the same drain for lumen and for the raw peer.
 */
final class CountingClient implements AutoCloseable {

    /** The kernel's usual rmem_max: the most an unprivileged socket gets. */
    private static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    private static final long QUIET_NANOS = 50_000_000L;

    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final Thread reader;
    private final AtomicLong datagrams = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private int pingCount;

    CountingClient() throws IOException {
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        address = (InetSocketAddress) channel.getLocalAddress();
        reader = Thread.ofPlatform().name("counting-client").daemon().start(this::read);
    }

    InetSocketAddress address() {
        return address;
    }

    /** One SS_PING: the 16 payload characters, then a BE32 count. */
    void ping(InetSocketAddress videoPort, String payload) throws IOException {
        ByteBuffer ping = ByteBuffer.allocate(payload.length() + Integer.BYTES);
        ping.put(payload.getBytes(StandardCharsets.US_ASCII)).putInt(++pingCount).flip();
        channel.send(ping, videoPort);
    }

    long datagrams() {
        return datagrams.get();
    }

    long bytes() {
        return bytes.get();
    }

    /**
     * Waits until {@code count} datagrams in all have been read, or until none arrived for 50 ms (the rest were
     * dropped by the kernel); returns the count read.
     */
    long awaitDatagrams(long count) {
        long last = datagrams.get();
        long lastChange = System.nanoTime();
        while (last < count && System.nanoTime() - lastChange < QUIET_NANOS) {
            LockSupport.parkNanos(1_000_000);
            long now = datagrams.get();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return last;
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
        while (channel.isOpen()) {
            buffer.clear();
            try {
                channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                continue;
            }
            bytes.addAndGet(buffer.position());
            datagrams.incrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
