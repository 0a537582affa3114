package io.lumen.tools.relay;

import io.lumen.testkit.loss.LossModel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One UDP port of the relay. Every client address gets its own upstream socket to the host, so the host sees one
 * peer per client and its replies find their way back: datagrams from the client leave through that socket,
 * datagrams arriving on it go back to the client from the relay's port, each way through its own
 * {@link Impairment} when the options say so. A flow idle for {@link #IDLE_MILLIS} is closed.
 */
final class UdpForwarder implements AutoCloseable {

    static final long IDLE_MILLIS = 60_000;
    /** The most the kernel grants without raising net.core.rmem_max; a video burst fits. */
    private static final int SOCKET_BUFFER = 4 << 20;
    private static final int MAX_DATAGRAM = 65_536;

    private final RelayPort port;
    private final InetSocketAddress upstreamTarget;
    private final RelayOptions options;
    private final ScheduledExecutorService scheduler;
    private final Consumer<String> log;
    private final DatagramChannel listening;
    private final LinkCounts down = new LinkCounts();
    private final LinkCounts up = new LinkCounts();
    private final Map<SocketAddress, Flow> flows = new ConcurrentHashMap<>();
    private final AtomicInteger flowNumbers = new AtomicInteger();
    private final Thread reader;

    UdpForwarder(RelayPort port, InetSocketAddress listen, InetSocketAddress upstreamTarget, RelayOptions options,
                 ScheduledExecutorService scheduler, Consumer<String> log) throws IOException {
        this.port = port;
        this.upstreamTarget = upstreamTarget;
        this.options = options;
        this.scheduler = scheduler;
        this.log = log;
        this.listening = open();
        try {
            listening.bind(listen);
        } catch (IOException e) {
            listening.close();
            throw new IOException("cannot listen on udp " + listen + " (" + port.label() + "): " + e.getMessage(), e);
        }
        this.reader = Thread.ofPlatform().name("relay-" + port.label() + "-up").daemon().start(this::readClients);
    }

    LinkCounts counts(Direction direction) {
        return direction == Direction.DOWN ? down : up;
    }

    int flowCount() {
        return flows.size();
    }

    /** Closes the flows nobody has used for {@link #IDLE_MILLIS}. */
    void closeIdle(long nowMillis) {
        flows.values().removeIf(flow -> {
            if (nowMillis - flow.lastActive > IDLE_MILLIS) {
                flow.close("idle for " + IDLE_MILLIS / 1000 + " s");
                return true;
            }
            return false;
        });
    }

    private void readClients() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (listening.isOpen()) {
            try {
                buffer.clear();
                SocketAddress client = listening.receive(buffer);
                buffer.flip();
                Flow flow = flows.get(client);
                if (flow == null) {
                    flow = flows.computeIfAbsent(client, this::openFlow);
                }
                if (flow != null) {
                    flow.lastActive = System.currentTimeMillis();
                    flow.towardsHost.accept(buffer);
                }
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                log.accept("udp " + port.label() + ": reading from clients failed: " + e);
            }
        }
    }

    private Flow openFlow(SocketAddress client) {
        try {
            return new Flow((InetSocketAddress) client, flowNumbers.incrementAndGet());
        } catch (IOException e) {
            log.accept("udp " + port.label() + ": no upstream socket for " + client + ": " + e);
            return null;
        }
    }

    private DatagramChannel open() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** One client on this port: its upstream socket, a reader for the host's replies, and both links. */
    private final class Flow {

        private final InetSocketAddress client;
        private final DatagramChannel upstream;
        private final Impairment towardsHost;
        private final Impairment towardsClient;
        private final Thread hostReader;
        private volatile long lastActive = System.currentTimeMillis();

        Flow(InetSocketAddress client, int number) throws IOException {
            this.client = client;
            this.upstream = open();
            try {
                upstream.connect(upstreamTarget);
            } catch (IOException e) {
                upstream.close();
                throw e;
            }
            this.towardsHost = link(Direction.UP, number, datagram -> {
                try {
                    upstream.write(datagram);
                } catch (IOException e) {
                    failed("to the host", e);
                }
            });
            this.towardsClient = link(Direction.DOWN, number, datagram -> {
                try {
                    listening.send(datagram, client);
                } catch (IOException e) {
                    failed("to the client", e);
                }
            });
            log.accept("flow " + port.label() + " #" + number + ": client " + address(client) + " <-> relay "
                    + address((InetSocketAddress) upstream.getLocalAddress()) + " <-> host " + address(upstreamTarget)
                    + (options.impairs(port, Direction.DOWN) ? "; host-to-client impaired" : "")
                    + (options.impairs(port, Direction.UP) ? "; client-to-host impaired" : ""));
            this.hostReader = Thread.ofPlatform().name("relay-" + port.label() + "-down-" + number).daemon()
                    .start(this::readHost);
        }

        private Impairment link(Direction direction, int number, Impairment.Sink sink) {
            LinkCounts counts = counts(direction);
            if (!options.impairs(port, direction)) {
                return new Impairment(LossModel.none(), 0, options.unimpaired(), scheduler, counts, sink);
            }
            long seed = RelaySeeds.of(options.seed(), port, direction, number);
            return new Impairment(LossModel.of(options.loss(), options.burst(), seed), ~seed, options, scheduler,
                    counts, sink);
        }

        private void readHost() {
            ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
            while (upstream.isOpen()) {
                try {
                    buffer.clear();
                    upstream.receive(buffer);
                    buffer.flip();
                    lastActive = System.currentTimeMillis();
                    towardsClient.accept(buffer);
                } catch (ClosedChannelException closed) {
                    return;
                } catch (java.net.PortUnreachableException nobodyThereYet) {
                    // an earlier datagram found the host's port closed (between two streams): keep reading
                } catch (IOException e) {
                    failed("from the host", e);
                }
            }
        }

        private void failed(String where, IOException e) {
            if (upstream.isOpen() && listening.isOpen()) {
                log.accept("flow " + port.label() + " " + address(client) + ": sending " + where + " failed: " + e);
            }
        }

        void close(String why) {
            try {
                upstream.close();
            } catch (IOException ignored) {
                // the flow is gone either way
            }
            log.accept("flow " + port.label() + " " + address(client) + " closed: " + why);
        }
    }

    static String address(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
        flows.values().forEach(flow -> flow.close("relay stopping"));
        flows.clear();
        reader.interrupt();
    }
}
