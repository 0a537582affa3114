package io.lumen.protocol.moonlight.impl.video;

import io.lumen.protocol.moonlight.impl.net.DatagramPort;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads the video port on its own thread: the client's first valid ping tells where video goes (it arrives
 * before any frame and then every 500 ms). Like Sunshine, the first ping fixes the address for the session: a
 * later ping from elsewhere is counted as foreign and changes nothing (Sunshine stops listening for a session's
 * pings once it has its peer). Everything that is not a ping is counted and dropped.
 */
final class ClientPingListener implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.moonlight.video");
    /** Pings are 20 bytes; a longer datagram is foreign whatever the rest says. */
    private static final int RECEIVE_BYTES = 2048;
    private static final long ERROR_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final DatagramPort port;
    private final PingMatcher matcher;
    private final Thread thread;
    private final CompletableFuture<InetSocketAddress> firstPing = new CompletableFuture<>();
    private final LongAdder pings = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private volatile InetSocketAddress client;

    ClientPingListener(DatagramChannel channel, PingMatcher matcher, String threadName) {
        this(DatagramPort.of(channel), matcher, threadName);
    }

    ClientPingListener(DatagramPort port, PingMatcher matcher, String threadName) {
        this.port = port;
        this.matcher = matcher;
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** The client's address, or null before its first ping. */
    InetSocketAddress client() {
        return client;
    }

    CompletableFuture<InetSocketAddress> firstPing() {
        return firstPing;
    }

    long pingsReceived() {
        return pings.sum();
    }

    long foreignDatagrams() {
        return foreign.sum();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(RECEIVE_BYTES);
        while (port.isOpen()) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = port.receive(buffer);
            } catch (ClosedChannelException closed) {
                break;
            } catch (IOException e) {
                if (!port.isOpen()) {
                    break;
                }
                LOG.log(System.Logger.Level.DEBUG, "video port receive failed: " + e);
                LockSupport.parkNanos(ERROR_BACKOFF_NANOS);
                continue;
            }
            buffer.flip();
            handle(buffer, from);
        }
    }

    /** Classifies one datagram; package-visible so tests can feed it without a socket. */
    void handle(ByteBuffer datagram, InetSocketAddress from) {
        PingMatcher.Kind kind = matcher.classify(datagram, from);
        if (kind == PingMatcher.Kind.FOREIGN) {
            foreign.increment();
            return;
        }
        InetSocketAddress known = client;
        if (known == null) {
            client = from;
            pings.increment();
            LOG.log(System.Logger.Level.INFO, "video client at " + from + (kind == PingMatcher.Kind.LEGACY_PING
                    ? " (legacy ping)" : ""));
            firstPing.complete(from);
        } else if (known.equals(from)) {
            pings.increment();
        } else {
            foreign.increment();
        }
    }

    /** Call after closing the port, which ends the receive. */
    @Override
    public void close() {
        firstPing.completeExceptionally(new IllegalStateException("video stream closed before the client's ping"));
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
