package io.lumen.enet;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * An ENet host on a UDP port: accepts connections (host role) and makes them ({@link #connect}, client role). One
 * named daemon thread ({@code enet-<port>}) owns the socket: it receives, runs the timers of every connection and
 * calls the {@link EnetListener}. Other threads' sends and disconnects are queued to it and wake it up.
 *
 * <pre>{@code
 * try (EnetHost host = EnetHost.open(new InetSocketAddress(47999), EnetOptions.defaults(), listener)) { ... }
 * }</pre>
 */
public final class EnetHost implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EnetHost.class.getName());
    private static final int RECEIVES_PER_TURN = 256;
    private static final int SOCKET_BUFFER = 256 * 1024;

    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress localAddress;
    private final EnetListener listener;
    private final EnetProtocol protocol;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<EnetPeer, CompletableFuture<EnetPeer>> connecting = new HashMap<>();
    /** Every connect future not completed yet, so closing can fail those whose request never reached the thread. */
    private final Set<CompletableFuture<EnetPeer>> unanswered = ConcurrentHashMap.newKeySet();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(io.lumen.enet.wire.ProtocolHeader.MAXIMUM_DATAGRAM + 1);
    private final Thread thread;
    private volatile boolean open = true;
    private volatile boolean silent;

    private EnetHost(DatagramChannel channel, Selector selector, EnetOptions options, EnetListener listener) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.listener = listener;
        this.protocol = new EnetProtocol(options, this::transmit, this::submit, new SecureRandom(), listener::admits);
        this.thread = Thread.ofPlatform().name("enet-" + localAddress.getPort()).daemon().unstarted(this::run);
    }

    /** Binds {@code bind} (port 0 for any) and starts the service thread. */
    public static EnetHost open(InetSocketAddress bind, EnetOptions options, EnetListener listener) throws IOException {
        // a specific IPv4 address gets an IPv4 socket; the wildcard gets a dual-stack one, so IPv6 clients reach it too
        boolean ipv4Only = bind.getAddress() instanceof java.net.Inet4Address && !bind.getAddress().isAnyLocalAddress();
        DatagramChannel channel = ipv4Only ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
        Selector selector = null;
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            channel.bind(bind);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
            EnetHost host = new EnetHost(channel, selector, options, listener);
            host.thread.start();
            return host;
        } catch (IOException | RuntimeException e) {
            if (selector != null) {
                selector.close();
            }
            channel.close();
            throw e;
        }
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Connects to an ENet host (client role). The future completes on the service thread, after
     * {@link EnetListener#connected}, or fails with a {@link ConnectException} (refused, no free slot, host closed) or a
     * {@link TimeoutException} (no answer within the peer timeout); keep its dependent stages short.
     */
    public CompletableFuture<EnetPeer> connect(InetSocketAddress remote, int channelCount, int data) {
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + remote);
        }
        CompletableFuture<EnetPeer> result = new CompletableFuture<>();
        unanswered.add(result);
        result.whenComplete((peer, failure) -> unanswered.remove(result));
        submit(() -> {
            try {
                connecting.put(protocol.connect(remote, channelCount, data, now()), result);
            } catch (RuntimeException e) {
                result.completeExceptionally(new ConnectException(e.getMessage()));
            }
        });
        if (!open) {
            result.completeExceptionally(new ConnectException("host closed"));
        }
        return result;
    }

    public EnetHostStats stats() {
        return protocol.stats();
    }

    /**
     * Releases the port without a word to the peers, which find out only by their timeout: what a process that
     * crashed or lost its network looks like to them (tests of timeouts need it).
     */
    public void closeSilently() {
        silent = true;
        close();
    }

    /**
     * Stops the service thread, sends connected peers an unacknowledged DISCONNECT (no listener calls) and releases the
     * port before returning (unless called from the listener, on the service thread itself).
     */
    @Override
    public void close() {
        open = false;
        if (selector.isOpen()) {
            selector.wakeup();
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(Runnable task) {
        tasks.add(task);
        if (selector.isOpen()) {
            selector.wakeup();
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private boolean transmit(InetSocketAddress to, ByteBuffer datagram) {
        try {
            return channel.send(datagram, to) > 0;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "send to " + to + " failed", e);
            return false;
        }
    }

    private void run() {
        try {
            while (open) {
                turn();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "ENet host on " + localAddress + " stopped", e);
        } finally {
            shutdown();
        }
    }

    /** One round: queued requests, timers and sends, a wait for datagrams or the next timer, the datagrams, their replies. */
    private void turn() throws IOException {
        long now = now();
        protocol.advance(now);
        for (Runnable task; (task = tasks.poll()) != null; ) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "ENet request failed", e);
            }
        }
        protocol.service(now);
        dispatch();
        long wait = protocol.nextWakeup(now) - now();
        if (wait <= 0 || !tasks.isEmpty()) {
            selector.selectNow();
        } else {
            selector.select(wait);
        }
        selector.selectedKeys().clear();
        for (int i = 0; i < RECEIVES_PER_TURN && open; i++) {
            receiveBuffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(receiveBuffer);
            } catch (IOException e) {
                // ICMP errors surface here on some systems; the peer's timeout deals with a dead peer
                LOG.log(System.Logger.Level.DEBUG, "receive failed", e);
                continue;
            }
            if (from == null) {
                break;
            }
            protocol.receive((InetSocketAddress) from, receiveBuffer.flip(), now());
        }
        // acknowledgements leave before the listener sees the packets, as in enet_host_service: a disconnect the
        // listener asks for discards whatever is still queued
        protocol.service(now());
        dispatch();
    }

    private void dispatch() {
        for (EnetEvent event : protocol.drainEvents()) {
            try {
                switch (event) {
                    case EnetEvent.Connected c -> {
                        listener.connected(c.peer(), c.data());
                        CompletableFuture<EnetPeer> pending = connecting.remove(c.peer());
                        if (pending != null) {
                            pending.complete(c.peer());
                        }
                    }
                    case EnetEvent.Received r -> listener.received(r.peer(), r.channel(), r.packet());
                    case EnetEvent.Disconnected d -> listener.disconnected(d.peer(), d.reason(), d.data());
                    case EnetEvent.ConnectFailed f -> {
                        CompletableFuture<EnetPeer> pending = connecting.remove(f.peer());
                        if (pending != null) {
                            pending.completeExceptionally(f.reason() == EnetPeer.DisconnectReason.TIMEOUT
                                    ? new TimeoutException("no answer from " + f.peer().address())
                                    : new ConnectException("connection to " + f.peer().address() + " failed: " + f.reason()));
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "ENet listener failed on " + event, e);
            }
        }
    }

    private void shutdown() {
        try {
            if (!silent) {
                protocol.shutdown(now());
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ENet shutdown", e);
        }
        ConnectException closed = new ConnectException("host closed");
        connecting.values().forEach(pending -> pending.completeExceptionally(closed));
        unanswered.forEach(pending -> pending.completeExceptionally(closed));
        tasks.clear();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "selector close", e);
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "channel close", e);
        }
    }
}
