package io.lumen.enet;

import io.lumen.enet.Connection.State;
import io.lumen.enet.EnetPeer.DisconnectReason;
import io.lumen.enet.wire.Command.Connect;
import io.lumen.enet.wire.Command.ConnectParameters;
import io.lumen.enet.wire.Command.VerifyConnect;
import io.lumen.enet.wire.CommandHeader;
import io.lumen.enet.wire.CommandType;
import io.lumen.enet.wire.ProtocolHeader;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * CONNECT and VERIFY_CONNECT, in both roles, and the peer slots they allocate. Each slot remembers the session ids of
 * its last connection: the next connection in it gets different ones, so stragglers of the old one are recognisable.
 */
final class Handshake {

    private static final int UNASSIGNED_SESSION = 0xFF;

    private final EnetProtocol protocol;
    private final EnetOptions options;
    private final int[] incomingSessions;
    private final int[] outgoingSessions;

    Handshake(EnetProtocol protocol, EnetOptions options) {
        this.protocol = protocol;
        this.options = options;
        this.incomingSessions = new int[options.maxPeers()];
        this.outgoingSessions = new int[options.maxPeers()];
        Arrays.fill(incomingSessions, UNASSIGNED_SESSION);
        Arrays.fill(outgoingSessions, UNASSIGNED_SESSION);
    }

    /** Client role: a CONNECTING connection in the lowest free slot, its CONNECT queued. */
    Connection connect(InetSocketAddress remote, int channelCount, int data) {
        if (remote.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + remote);
        }
        int slot = freeSlot();
        if (slot < 0) {
            throw new IllegalStateException("all " + options.maxPeers() + " peer slots are in use");
        }
        int channels = Math.clamp(channelCount, 1, EnetOptions.MAXIMUM_CHANNELS);
        Connection connection = new Connection(protocol, slot, remote, channels, options);
        connection.state = State.CONNECTING;
        connection.connectId = protocol.random().nextInt();
        connection.incomingSessionId = incomingSessions[slot];
        connection.outgoingSessionId = outgoingSessions[slot];
        connection.windowSize = window(options.outgoingBandwidth(), 0);
        protocol.slots[slot] = connection;
        ConnectParameters parameters = new ConnectParameters(slot, connection.incomingSessionId, connection.outgoingSessionId,
                connection.mtu, connection.windowSize, channels, options.incomingBandwidth(), options.outgoingBandwidth(),
                connection.throttleInterval, connection.throttleAcceleration, connection.throttleDeceleration, connection.connectId);
        connection.queue(CommandHeader.CONNECTION_CHANNEL, CommandHeader.FLAG_ACKNOWLEDGE, false, (sequence, unused) -> new Connect(
                CommandHeader.of(CommandType.CONNECT, CommandHeader.FLAG_ACKNOWLEDGE, CommandHeader.CONNECTION_CHANNEL, sequence),
                parameters, data), 0, false);
        return connection;
    }

    /**
     * Host role: a connection for a CONNECT with its VERIFY_CONNECT queued, or null (no free slot, a bad channel count or peer id,
     * or a repeat of a CONNECT already answered, which ENet ignores too).
     */
    Connection accept(InetSocketAddress from, Connect connect) {
        ConnectParameters request = connect.parameters();
        if (request.channelCount() < 1 || request.channelCount() > EnetOptions.MAXIMUM_CHANNELS) {
            return null;
        }
        // a peer id wider than the header's 12 bits could never address a reply (found by EnetHostFuzzTest)
        if (request.outgoingPeerId() > ProtocolHeader.NO_PEER) {
            return null;
        }
        for (Connection other : protocol.slots) {
            if (other != null && other.state != State.CONNECTING && other.address.equals(from) && other.connectId == request.connectId()) {
                return null;
            }
        }
        int slot = freeSlot();
        if (slot < 0) {
            slot = takeOverHalfOpen();
        }
        if (slot < 0) {
            return null;
        }
        int channels = (int) Math.min(request.channelCount(), options.channelLimit());
        Connection connection = new Connection(protocol, slot, from, channels, options);
        connection.state = State.ACKNOWLEDGING_CONNECT;
        connection.handshakeDeadline = protocol.now() + options.handshakeTimeout().toMillis();
        connection.connectId = request.connectId();
        connection.outgoingPeerId = request.outgoingPeerId();
        connection.incomingBandwidth = request.incomingBandwidth();
        connection.outgoingBandwidth = request.outgoingBandwidth();
        connection.throttleInterval = request.packetThrottleInterval();
        connection.throttleAcceleration = request.packetThrottleAcceleration();
        connection.throttleDeceleration = request.packetThrottleDeceleration();
        connection.eventData = connect.data();
        // each side's session id moves on from what the client last saw (or what this slot last used), skipping its old value
        int ours = nextSession(request.incomingSessionId() == UNASSIGNED_SESSION ? outgoingSessions[slot] : request.incomingSessionId(),
                outgoingSessions[slot]);
        int theirs = nextSession(request.outgoingSessionId() == UNASSIGNED_SESSION ? incomingSessions[slot] : request.outgoingSessionId(),
                incomingSessions[slot]);
        connection.outgoingSessionId = outgoingSessions[slot] = ours;
        connection.incomingSessionId = incomingSessions[slot] = theirs;
        connection.mtu = (int) Math.min(options.mtu(), clampMtu(request.mtu()));
        connection.windowSize = window(options.outgoingBandwidth(), request.incomingBandwidth());
        long offered = options.incomingBandwidth() == 0 ? Connection.MAXIMUM_WINDOW
                : options.incomingBandwidth() / (long) Connection.MAXIMUM_WINDOW * Connection.MINIMUM_WINDOW;
        long windowSize = Math.clamp(Math.min(offered, request.windowSize()), Connection.MINIMUM_WINDOW, Connection.MAXIMUM_WINDOW);
        protocol.slots[slot] = connection;
        ConnectParameters reply = new ConnectParameters(slot, ours, theirs, connection.mtu, windowSize, channels,
                options.incomingBandwidth(), options.outgoingBandwidth(), connection.throttleInterval,
                connection.throttleAcceleration, connection.throttleDeceleration, connection.connectId);
        connection.queue(CommandHeader.CONNECTION_CHANNEL, CommandHeader.FLAG_ACKNOWLEDGE, false, (sequence, unused) -> new VerifyConnect(
                CommandHeader.of(CommandType.VERIFY_CONNECT, CommandHeader.FLAG_ACKNOWLEDGE, CommandHeader.CONNECTION_CHANNEL, sequence),
                reply), 0, false);
        return connection;
    }

    /** Client role: the server's answer. One that does not echo our request ends the attempt, as in ENet. */
    DropReason verify(Connection connection, VerifyConnect verify) {
        if (connection.state != State.CONNECTING) {
            return null;
        }
        ConnectParameters reply = verify.parameters();
        if (reply.channelCount() < 1 || reply.channelCount() > EnetOptions.MAXIMUM_CHANNELS
                || reply.packetThrottleInterval() != connection.throttleInterval
                || reply.packetThrottleAcceleration() != connection.throttleAcceleration
                || reply.packetThrottleDeceleration() != connection.throttleDeceleration
                || reply.connectId() != connection.connectId) {
            protocol.close(connection, DisconnectReason.REMOTE, 0, true);
            return DropReason.REJECTED;
        }
        connection.acknowledge(1, CommandHeader.CONNECTION_CHANNEL);
        connection.channelCount = (int) Math.min(connection.channelCount, reply.channelCount());
        connection.outgoingPeerId = reply.outgoingPeerId() & ProtocolHeader.NO_PEER;
        connection.incomingSessionId = incomingSessions[connection.incomingPeerId] = reply.incomingSessionId() & 3;
        connection.outgoingSessionId = outgoingSessions[connection.incomingPeerId] = reply.outgoingSessionId() & 3;
        connection.mtu = (int) Math.min(connection.mtu, clampMtu(reply.mtu()));
        connection.windowSize = Math.min(connection.windowSize,
                Math.clamp(reply.windowSize(), Connection.MINIMUM_WINDOW, Connection.MAXIMUM_WINDOW));
        connection.incomingBandwidth = reply.incomingBandwidth();
        connection.outgoingBandwidth = reply.outgoingBandwidth();
        protocol.established(connection, 0);
        return null;
    }

    void release(Connection connection) {
        if (protocol.slots[connection.incomingPeerId] == connection) {
            protocol.slots[connection.incomingPeerId] = null;
        }
    }

    /** ENet's reliable window for a connection: 64 KiB unless a bandwidth limit says less (4 KiB per 64 KiB/s). */
    static long window(long hostOutgoingBandwidth, long peerIncomingBandwidth) {
        long window;
        if (hostOutgoingBandwidth == 0 && peerIncomingBandwidth == 0) {
            window = Connection.MAXIMUM_WINDOW;
        } else if (hostOutgoingBandwidth == 0 || peerIncomingBandwidth == 0) {
            window = Math.max(hostOutgoingBandwidth, peerIncomingBandwidth) / Connection.MAXIMUM_WINDOW * Connection.MINIMUM_WINDOW;
        } else {
            window = Math.min(hostOutgoingBandwidth, peerIncomingBandwidth) / Connection.MAXIMUM_WINDOW * Connection.MINIMUM_WINDOW;
        }
        return Math.clamp(window, Connection.MINIMUM_WINDOW, Connection.MAXIMUM_WINDOW);
    }

    private static int nextSession(int from, int avoid) {
        int session = (from + 1) & 3;
        return session == avoid ? (session + 1) & 3 : session;
    }

    private static long clampMtu(long mtu) {
        return Math.clamp(mtu, ProtocolHeader.MINIMUM_MTU, ProtocolHeader.MAXIMUM_DATAGRAM);
    }

    /**
     * Frees the slot of the oldest CONNECT answered but not acknowledged, so admitted CONNECTs from spoofed sources
     * cannot hold every slot against the client until they expire; -1 when every slot is a live connection. Only
     * answers older than a first retransmission qualify: clients connecting at the same moment must not evict each other.
     */
    private int takeOverHalfOpen() {
        long answeredBefore = protocol.now() + options.handshakeTimeout().toMillis() - Connection.DEFAULT_ROUND_TRIP_TIME;
        Connection oldest = null;
        for (Connection candidate : protocol.slots) {
            if (candidate != null && candidate.state == State.ACKNOWLEDGING_CONNECT && candidate.handshakeDeadline <= answeredBefore
                    && (oldest == null || candidate.handshakeDeadline < oldest.handshakeDeadline)) {
                oldest = candidate;
            }
        }
        if (oldest == null) {
            return -1;
        }
        protocol.counters().handshakeExpired();
        protocol.close(oldest, DisconnectReason.TIMEOUT, 0, true);
        return oldest.incomingPeerId;
    }

    private int freeSlot() {
        for (int slot = 0; slot < protocol.slots.length; slot++) {
            if (protocol.slots[slot] == null) {
                return slot;
            }
        }
        return -1;
    }
}
