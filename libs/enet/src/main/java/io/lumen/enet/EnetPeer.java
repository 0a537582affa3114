package io.lumen.enet;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One connection, seen from the application. A handle stays tied to its connection: once that ends, sends through it
 * are discarded even if the peer slot is reused. Every method is thread-safe; sends and disconnects are carried out
 * by the host's service thread, in the order they were made.
 */
public final class EnetPeer {

    /** Why a connection ended. */
    public enum DisconnectReason {
        /** we disconnected (gracefully, or at once) */
        LOCAL,
        /** the peer sent DISCONNECT (or refused our CONNECT) */
        REMOTE,
        /** a reliable command of ours went unacknowledged past the peer timeout */
        TIMEOUT
    }

    private final EnetProtocol protocol;
    private final Connection connection;

    EnetPeer(EnetProtocol protocol, Connection connection) {
        this.protocol = protocol;
        this.connection = connection;
    }

    public InetSocketAddress address() {
        return connection.address;
    }

    /** The id this host gave the connection (its slot; what the peer puts in its datagrams' headers). */
    public int peerId() {
        return connection.incomingPeerId;
    }

    /** Channels of the connection: as requested until the handshake completes, then as negotiated. */
    public int channelCount() {
        return connection.channelCount;
    }

    public boolean isConnected() {
        return connection.state == Connection.State.CONNECTED;
    }

    /**
     * Queues {@code packet} (copied) for the peer. Packets larger than one datagram are fragmented. Discarded when the
     * connection is not (or no longer) connected.
     *
     * @throws IllegalArgumentException for a channel the connection does not have, or a packet over the maximum size
     */
    public void send(int channel, byte[] packet, Delivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        if (channel < 0 || channel >= connection.channelCount) {
            throw new IllegalArgumentException("channel " + channel + " of " + connection.channelCount);
        }
        if (packet.length > protocol.options().maxPacketSize()) {
            throw new IllegalArgumentException(packet.length + "-byte packet exceeds " + protocol.options().maxPacketSize());
        }
        byte[] copy = packet.clone();
        protocol.execute(() -> protocol.send(connection, channel, copy, delivery));
    }

    /**
     * Ends the connection gracefully once everything queued has been sent and acknowledged: sends a reliable DISCONNECT
     * carrying {@code data}, then reports {@link DisconnectReason#LOCAL} when the peer acknowledges it (ENet's
     * {@code enet_peer_disconnect_later}). Data that arrives meanwhile is discarded.
     */
    public void disconnect(int data) {
        protocol.execute(() -> protocol.disconnect(connection, data));
    }

    /** Sends an unacknowledged DISCONNECT and forgets the connection at once, reporting {@link DisconnectReason#LOCAL}. */
    public void disconnectNow() {
        protocol.execute(() -> protocol.disconnectNow(connection, 0, true));
    }

    public Duration roundTripTime() {
        return Duration.ofMillis(connection.roundTripTime);
    }

    public PeerStats stats() {
        return new PeerStats(connection.reliableSent, connection.retransmitted, connection.acknowledged, connection.packetsSent,
                connection.packetsReceived, Duration.ofMillis(connection.roundTripTime), Duration.ofMillis(connection.roundTripTimeVariance));
    }

    @Override
    public String toString() {
        return "peer " + connection.incomingPeerId + " " + connection.address + " " + connection.state;
    }
}
