package io.lumen.enet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * A UDP relay between one client and a server on loopback that can lose datagrams: clients connect to
 * {@link #address()}, the server sees the relay's other socket. {@code dropToServer}/{@code dropToClient} get the
 * running count of datagrams in their direction and return true to lose that one.
 */
final class LossyRelay implements AutoCloseable {

    private final DatagramChannel front;
    private final DatagramChannel back;
    private final Thread[] threads;
    private volatile SocketAddress client;
    volatile LongPredicate dropToServer = n -> false;
    volatile LongPredicate dropToClient = n -> false;
    final AtomicLong dropped = new AtomicLong();

    LossyRelay(InetSocketAddress server) throws IOException {
        front = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        back = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).connect(server);
        threads = new Thread[] {
            Thread.ofPlatform().daemon().name("relay-to-server").start(() -> pump(true)),
            Thread.ofPlatform().daemon().name("relay-to-client").start(() -> pump(false))
        };
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) front.getLocalAddress();
    }

    /** Loses everything from now on, both ways. */
    void blackHole() {
        dropToServer = n -> true;
        dropToClient = n -> true;
    }

    private void pump(boolean toServer) {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        long count = 0;
        try {
            while (true) {
                buffer.clear();
                if (toServer) {
                    client = front.receive(buffer);
                } else {
                    back.receive(buffer);
                }
                buffer.flip();
                if ((toServer ? dropToServer : dropToClient).test(++count)) {
                    dropped.incrementAndGet();
                } else if (toServer) {
                    back.write(buffer);
                } else if (client != null) {
                    front.send(buffer, client);
                }
            }
        } catch (ClosedChannelException e) {
            // closed: done
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        front.close();
        back.close();
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
