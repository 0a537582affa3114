package io.lumen.enet;

import io.lumen.enet.Connection.State;
import io.lumen.enet.EnetPeer.DisconnectReason;
import io.lumen.enet.wire.Command.BandwidthLimit;
import io.lumen.enet.wire.Command.Disconnect;
import io.lumen.enet.wire.Command.SendFragment;
import io.lumen.enet.wire.Command.SendReliable;
import io.lumen.enet.wire.Command.SendUnreliable;
import io.lumen.enet.wire.Command.SendUnsequenced;
import io.lumen.enet.wire.CommandHeader;
import io.lumen.enet.wire.CommandType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The ENet state machine for every connection of one host, without sockets, threads or clocks: feed it received
 * datagrams ({@link #receive}), let it run its timers ({@link #service}), and it hands datagrams to its
 * {@link DatagramSink} and reports {@link EnetEvent}s. Time is whatever millisecond count the caller passes, so tests
 * can drive it deterministically; {@link EnetHost} drives it from a socket, a thread and the monotonic clock.
 *
 * <p>Not thread-safe: one thread makes every call, including those {@link EnetPeer} makes through the executor given
 * here. Nothing a datagram contains makes {@link #receive} throw; what cannot be used is counted by {@link DropReason}.
 */
public final class EnetProtocol {

    private static final System.Logger LOG = System.getLogger(EnetProtocol.class.getName());
    private static final long BANDWIDTH_INTERVAL = 1000;

    private final EnetOptions options;
    private final Executor executor;
    private final RandomGenerator random;
    private final HostCounters counters;
    private final ConnectAdmission admission;
    private final Transmitter transmitter;
    final Handshake handshake;
    private final Receiver receiver;
    final Connection[] slots;
    private final List<EnetEvent> events = new ArrayList<>();
    private long now;
    private long bandwidthEpoch = Connection.NEVER;
    private boolean recalculateBandwidth;

    /**
     * @param executor runs what {@link EnetPeer} methods ask for on the thread that drives this protocol
     *                 ({@code Runnable::run} when the caller is that thread)
     * @param random   source of connect ids
     */
    public EnetProtocol(EnetOptions options, DatagramSink sink, Executor executor, RandomGenerator random) {
        this(options, sink, executor, random, (from, data) -> true);
    }

    /**
     * @param admission asked about every CONNECT before it gets a slot; one it refuses is dropped unanswered
     */
    public EnetProtocol(EnetOptions options, DatagramSink sink, Executor executor, RandomGenerator random,
                        ConnectAdmission admission) {
        this.options = options;
        this.admission = admission;
        this.counters = new HostCounters(options.maxHostWaitingData());
        this.executor = executor;
        this.random = random;
        this.slots = new Connection[options.maxPeers()];
        this.transmitter = new Transmitter(sink, counters);
        this.handshake = new Handshake(this, options);
        this.receiver = new Receiver(this, options);
    }

    public EnetOptions options() {
        return options;
    }

    /**
     * Takes one received datagram (position to limit; the buffer may be reused afterwards). Acknowledgements go out
     * with the next {@link #service}, which should follow before the events are acted on.
     */
    public void receive(InetSocketAddress from, ByteBuffer datagram, long nowMillis) {
        now = nowMillis;
        counters.received(datagram.remaining());
        try {
            DropReason reason = receiver.process(from, datagram);
            if (reason != null) {
                counters.drop(reason);
            }
        } catch (RuntimeException e) {
            counters.drop(DropReason.INTERNAL_ERROR);
            LOG.log(System.Logger.Level.WARNING, "datagram from " + from + " dropped by an internal error", e);
        }
    }

    /** Runs the timers (timeouts, retransmissions, pings) and sends whatever is queued. */
    public void service(long nowMillis) {
        now = nowMillis;
        throttleBandwidth();
        for (Connection connection : slots) {
            if (connection != null) {
                try {
                    serviceConnection(connection);
                } catch (RuntimeException e) {
                    // a bug must not stall the other connections: this one ends, as if it had timed out
                    LOG.log(System.Logger.Level.ERROR, "ENet connection " + connection.handle + " failed", e);
                    close(connection, DisconnectReason.TIMEOUT, 0, true);
                }
            }
        }
    }

    private void serviceConnection(Connection connection) {
        if (connection.handshakeExpired(now)) {
            // an answered CONNECT nobody acknowledges (a spoofed source, a vanished client) must not keep its slot
            counters.handshakeExpired();
            close(connection, DisconnectReason.TIMEOUT, 0, true);
            return;
        }
        if (connection.timedOut(now)) {
            // a lost acknowledgement of our DISCONNECT still ends the connection the way the application asked
            if (connection.state == State.DISCONNECTING) {
                close(connection, DisconnectReason.LOCAL, connection.eventData, true);
            } else {
                close(connection, DisconnectReason.TIMEOUT, 0, true);
            }
            return;
        }
        flush(connection, true);
    }

    /** The time {@link #service} next has work, never earlier than {@code nowMillis} and at most a second away. */
    public long nextWakeup(long nowMillis) {
        long wakeup = nowMillis + 1000;
        for (Connection connection : slots) {
            if (connection != null) {
                wakeup = Math.min(wakeup, connection.wakeup());
            }
        }
        if (recalculateBandwidth && bandwidthEpoch != Connection.NEVER) {
            wakeup = Math.min(wakeup, bandwidthEpoch + BANDWIDTH_INTERVAL);
        }
        return Math.max(wakeup, nowMillis);
    }

    /**
     * Starts a connection to {@code remote} (the client role); its CONNECT goes out with the next {@link #service}.
     *
     * @throws IllegalStateException when every peer slot is in use
     */
    public EnetPeer connect(InetSocketAddress remote, int channelCount, int data, long nowMillis) {
        now = nowMillis;
        return handshake.connect(remote, channelCount, data).handle;
    }

    /** The events since the last call, oldest first. */
    public List<EnetEvent> drainEvents() {
        List<EnetEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    /** The connected peers. */
    public List<EnetPeer> peers() {
        List<EnetPeer> peers = new ArrayList<>();
        for (Connection connection : slots) {
            if (connection != null && connection.state == State.CONNECTED) {
                peers.add(connection.handle);
            }
        }
        return peers;
    }

    public EnetHostStats stats() {
        return counters.snapshot();
    }

    /** Sends every connection an unacknowledged DISCONNECT and forgets it, without events (the host is going away). */
    public void shutdown(long nowMillis) {
        now = nowMillis;
        for (Connection connection : slots) {
            if (connection != null) {
                disconnectNow(connection, 0, false);
            }
        }
    }

    HostCounters counters() {
        return counters;
    }

    boolean admits(InetSocketAddress from, int data) {
        return admission.admits(from, data);
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    /** Sets the time that operations arriving through {@link EnetPeer} see. */
    void advance(long nowMillis) {
        now = nowMillis;
    }

    long now() {
        return now;
    }

    RandomGenerator random() {
        return random;
    }

    void send(Connection connection, int channelId, byte[] packet, Delivery delivery) {
        if (connection.state != State.CONNECTED || channelId >= connection.channelCount) {
            return;
        }
        connection.packetsSent++;
        Channel channel = connection.channels[channelId];
        int fragmentLength = connection.mtu - 4 - CommandType.SEND_FRAGMENT.size();
        if (packet.length > fragmentLength) {
            int count = (packet.length + fragmentLength - 1) / fragmentLength;
            int start = (channel.outgoingReliable + 1) & 0xFFFF;
            for (int number = 0, offset = 0; offset < packet.length; number++, offset += fragmentLength) {
                byte[] piece = java.util.Arrays.copyOfRange(packet, offset, Math.min(packet.length, offset + fragmentLength));
                int fragmentNumber = number;
                int fragmentOffset = offset;
                connection.queue(channelId, CommandHeader.FLAG_ACKNOWLEDGE, number > 0, (sequence, unused) -> new SendFragment(
                        CommandHeader.of(CommandType.SEND_FRAGMENT, CommandHeader.FLAG_ACKNOWLEDGE, channelId, sequence), start, count,
                        fragmentNumber, packet.length, fragmentOffset, piece), piece.length, true);
            }
        } else if (delivery == Delivery.UNSEQUENCED) {
            connection.queue(channelId, CommandHeader.FLAG_UNSEQUENCED, false, (sequence, group) -> new SendUnsequenced(
                    CommandHeader.of(CommandType.SEND_UNSEQUENCED, CommandHeader.FLAG_UNSEQUENCED, channelId, sequence), group, packet),
                    packet.length, true);
        } else if (delivery == Delivery.RELIABLE || channel.outgoingUnreliable >= 0xFFFF) {
            connection.queue(channelId, CommandHeader.FLAG_ACKNOWLEDGE, false, (sequence, unused) -> new SendReliable(
                    CommandHeader.of(CommandType.SEND_RELIABLE, CommandHeader.FLAG_ACKNOWLEDGE, channelId, sequence), packet),
                    packet.length, true);
        } else {
            connection.queue(channelId, 0, false, (sequence, unreliable) -> new SendUnreliable(
                    CommandHeader.of(CommandType.SEND_UNRELIABLE, 0, channelId, sequence), unreliable, packet), packet.length, true);
        }
    }

    /** Graceful, after what is queued: ENet's {@code enet_peer_disconnect_later}. */
    void disconnect(Connection connection, int data) {
        if (connection.open() && connection.hasOutgoing()) {
            connection.state = State.DISCONNECT_LATER;
            connection.eventData = data;
        } else {
            beginDisconnect(connection, data);
        }
    }

    /** ENet's {@code enet_peer_disconnect}: reliable DISCONNECT when connected, otherwise a courtesy one and gone. */
    void beginDisconnect(Connection connection, int data) {
        switch (connection.state) {
            case DISCONNECTING, ACKNOWLEDGING_DISCONNECT, CLOSED -> {
                return;
            }
            default -> { }
        }
        boolean connected = connection.open();
        connection.resetQueues();
        queueDisconnect(connection, data, connected ? CommandHeader.FLAG_ACKNOWLEDGE : CommandHeader.FLAG_UNSEQUENCED);
        if (connected) {
            connection.state = State.DISCONNECTING;
            connection.eventData = data;
        } else {
            flush(connection, false);
            close(connection, DisconnectReason.LOCAL, data, true);
        }
    }

    void disconnectNow(Connection connection, int data, boolean notify) {
        if (connection.state == State.CLOSED) {
            return;
        }
        if (connection.state != State.DISCONNECTING) {
            connection.resetQueues();
            queueDisconnect(connection, data, CommandHeader.FLAG_UNSEQUENCED);
            flush(connection, false);
        }
        close(connection, DisconnectReason.LOCAL, data, notify);
    }

    private static void queueDisconnect(Connection connection, int data, int flag) {
        connection.queue(CommandHeader.CONNECTION_CHANNEL, flag, false, (sequence, unused) -> new Disconnect(
                CommandHeader.of(CommandType.DISCONNECT, flag, CommandHeader.CONNECTION_CHANNEL, sequence), data), 0, false);
    }

    private void flush(Connection connection, boolean mayPing) {
        if (connection.state == State.CLOSED) {
            return;
        }
        transmitter.flush(connection, now, mayPing);
        if (connection.closeAfterFlush) {
            close(connection, DisconnectReason.REMOTE, connection.eventData, true);
        } else if (connection.state == State.DISCONNECT_LATER && !connection.hasOutgoing()) {
            beginDisconnect(connection, connection.eventData);
            transmitter.flush(connection, now, false);
        }
    }

    void emit(EnetEvent event) {
        events.add(event);
    }

    void established(Connection connection, int data) {
        connection.state = State.CONNECTED;
        recalculateBandwidth = true;
        events.add(new EnetEvent.Connected(connection.handle, data));
    }

    /** Ends a connection for good, frees its slot and reports it; connections never reported connected end quietly. */
    void close(Connection connection, DisconnectReason reason, int data, boolean notify) {
        State was = connection.state;
        if (was == State.CLOSED) {
            return;
        }
        connection.state = State.CLOSED;
        connection.resetQueues();
        handshake.release(connection);
        if (!notify || was == State.ACKNOWLEDGING_CONNECT) {
            return;
        }
        if (was == State.CONNECTING) {
            events.add(new EnetEvent.ConnectFailed(connection.handle, reason));
        } else {
            recalculateBandwidth = true;
            events.add(new EnetEvent.Disconnected(connection.handle, reason, data));
        }
    }

    /**
     * ENet re-announces bandwidth limits to every connected peer once a second after a peer came or went; cgutman/enet
     * peers therefore send a BANDWIDTH_LIMIT about a second into each connection, and so does this.
     */
    private void throttleBandwidth() {
        if (bandwidthEpoch != Connection.NEVER && now - bandwidthEpoch < BANDWIDTH_INTERVAL) {
            return;
        }
        bandwidthEpoch = now;
        List<Connection> open = new ArrayList<>();
        for (Connection connection : slots) {
            if (connection != null && connection.open()) {
                open.add(connection);
            }
        }
        if (open.isEmpty() || !recalculateBandwidth) {
            return;
        }
        recalculateBandwidth = false;
        long incoming = options.incomingBandwidth() == 0 ? 0 : options.incomingBandwidth() / open.size();
        for (Connection connection : open) {
            connection.queue(CommandHeader.CONNECTION_CHANNEL, CommandHeader.FLAG_ACKNOWLEDGE, false, (sequence, unused) ->
                    new BandwidthLimit(CommandHeader.of(CommandType.BANDWIDTH_LIMIT, CommandHeader.FLAG_ACKNOWLEDGE,
                            CommandHeader.CONNECTION_CHANNEL, sequence), incoming, options.outgoingBandwidth()), 0, false);
        }
    }
}
