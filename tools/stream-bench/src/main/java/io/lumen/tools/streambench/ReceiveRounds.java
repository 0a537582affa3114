package io.lumen.tools.streambench;

import io.lumen.nativeaccess.net.SendPath;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Can a client's receiving thread keep up: the native GSO sender paced at a fixed rate (batches of 46 on an
 * absolute schedule) into one reading thread with the buffer an unprivileged client gets (net.core.rmem_max),
 * read with recvmmsg, with recvmmsg and GRO, and, as the peer, with a DatagramChannel one datagram at a time.
 */
final class ReceiveRounds {

    /** What a client without CAP_NET_ADMIN gets on a stock kernel. */
    private static final int CLIENT_BUFFER_BYTES = 4 << 20;

    private ReceiveRounds() {
    }

    static void run(int datagramBytes, long[] ratesBps, double seconds) throws Exception {
        System.out.printf(Locale.ROOT, "%nreceive side: one reading thread, %d MB asked for its buffer, the native GSO"
                + " sender paced at each rate for %.1f s; drops = the socket's own counter (SO_MEMINFO), or sent -"
                + " read for the DatagramChannel%n", CLIENT_BUFFER_BYTES >> 20, seconds);
        System.out.printf(Locale.ROOT, "%-36s %9s %9s %9s %10s %9s %12s%n", "reader", "paced at", "sent", "read",
                "drops", "Mdgram/s", "reader CPU%");
        try (SendPaths.Sender sender = SendPaths.nativeSocket(SendPath.GSO, datagramBytes, null)) {
            for (long bps : ratesBps) {
                for (int kind = 0; kind < 3; kind++) {
                    try (Reader reader = kind == 0 ? new ChannelReader() : new NativeReader(kind == 2)) {
                        long datagrams = (long) (bps * seconds / 8 / datagramBytes);
                        long start = System.nanoTime();
                        long cpuBefore = reader.cpuNanos();
                        paced(sender, reader.address(), datagrams, datagramBytes, bps);
                        long read = reader.awaitDatagrams(datagrams);
                        double wall = (System.nanoTime() - start) / 1e9;
                        double cpu = (reader.cpuNanos() - cpuBefore) / 1e9;
                        long drops = reader.drops(datagrams);
                        System.out.printf(Locale.ROOT, "%-36s %9s %9.2f %9.2f %10d %9.3f %11.0f%%%n",
                                reader.describe(), bps / 1e9 + " G", datagrams * datagramBytes * 8 / wall / 1e9,
                                read * datagramBytes * 8 / wall / 1e9, drops, read / wall / 1e6, 100 * cpu / wall);
                    }
                }
            }
        }
    }

    /** Batches of {@link SendPaths#BATCH}, each sent when the rate allows the datagrams before it. */
    private static void paced(SendPaths.Sender sender, InetSocketAddress to, long datagrams, int datagramBytes,
                              long bps) throws IOException, GeneralSecurityException {
        double nanosPerDatagram = datagramBytes * 8 * 1e9 / bps;
        long start = System.nanoTime();
        for (long sent = 0; sent < datagrams; ) {
            long due = start + (long) (sent * nanosPerDatagram);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int count = (int) Math.min(SendPaths.BATCH, datagrams - sent);
            sender.send(count, to);
            sent += count;
        }
    }

    /** A counting reader on its own thread. */
    private interface Reader extends AutoCloseable {

        InetSocketAddress address();

        String describe();

        long awaitDatagrams(long count);

        long cpuNanos();

        /** Datagrams lost at the socket, of {@code sent}. */
        long drops(long sent) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static final class NativeReader implements Reader {

        private final CountingClient client;

        NativeReader(boolean gro) throws IOException {
            client = new CountingClient(gro, CLIENT_BUFFER_BYTES);
        }

        @Override
        public InetSocketAddress address() {
            return client.address();
        }

        @Override
        public String describe() {
            return client.describe();
        }

        @Override
        public long awaitDatagrams(long count) {
            return client.awaitDatagrams(count);
        }

        @Override
        public long cpuNanos() {
            return client.cpuNanos();
        }

        @Override
        public long drops(long sent) throws IOException {
            return client.drops();
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** The peer: a DatagramChannel read one datagram at a time, as the bench's client read before recvmmsg. */
    private static final class ChannelReader implements Reader {

        private final DatagramChannel channel;
        private final Thread thread;
        private final AtomicLong datagrams = new AtomicLong();

        ChannelReader() throws IOException {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, CLIENT_BUFFER_BYTES);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = Thread.ofPlatform().name("channel-reader").daemon().start(this::read);
        }

        private void read() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
            while (channel.isOpen()) {
                try {
                    channel.receive(buffer.clear());
                    datagrams.incrementAndGet();
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public InetSocketAddress address() {
            try {
                return (InetSocketAddress) channel.getLocalAddress();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String describe() {
            return "DatagramChannel.receive, " + (CLIENT_BUFFER_BYTES >> 20) + " MB buffer";
        }

        @Override
        public long awaitDatagrams(long count) {
            return CountingClient.awaitCount(datagrams, count);
        }

        @Override
        public long cpuNanos() {
            return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.threadId());
        }

        @Override
        public long drops(long sent) {
            return sent - datagrams.get();
        }

        @Override
        public void close() throws IOException {
            channel.close();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
