package io.lumen.enet;

import io.lumen.enet.wire.ProtocolHeader;
import java.time.Duration;

/**
 * How a host behaves. {@link #defaults()} is what cgutman/enet does (MTU 900, 500 ms pings, unlimited bandwidth) with
 * the peer timeout Moonlight sets on its control connection ({@code enet_peer_timeout(peer, 2, 10000, 10000)}).
 *
 * <p>The timeout follows ENet: a reliable command unacknowledged past its retransmission timeout is resent, each time
 * waiting {@code min(sendAttempts, timeoutLimit)} times the RTT-based timeout (capped at a fifth of
 * {@code timeoutMaximum}). The peer is dropped with {@link EnetPeer.DisconnectReason#TIMEOUT} once the oldest overdue
 * command has waited {@code timeoutMaximum}, or {@code timeoutMinimum} if it has already been sent
 * {@code log2(timeoutLimit) + 1} times. Idle connections ping every {@code pingInterval}, so a silent peer is noticed
 * even when the application sends nothing.
 *
 * @param maxPeers          connection slots (both roles); ENet peer ids are 0..maxPeers-1
 * @param channelLimit      most channels an incoming connection gets (1-255); Moonlight clients ask for 0x30
 * @param mtu               largest datagram this host sends (576-4096); the peers' smaller MTU wins
 * @param maxPacketSize     largest packet accepted or sent (ENet: 32 MiB; smaller here, Moonlight packets are tiny)
 * @param maxWaitingData    bytes one peer may hold in out-of-order and half-reassembled packets (each fragment and packet
 *                          charged its length plus a fixed bookkeeping cost); past it the peer's oldest unreliable
 *                          reassembly goes, and reliable data is refused unacknowledged (the sender repeats it)
 * @param maxHostWaitingData the same budget for all peers together; a peer makes room only from its own data
 * @param handshakeTimeout  how long a CONNECT this host answered may stay unacknowledged before its slot is freed
 * @param incomingBandwidth bytes/s this host can receive, 0 for unlimited (only advertised)
 * @param outgoingBandwidth bytes/s this host can send, 0 for unlimited (advertised; sizes the reliable window)
 */
public record EnetOptions(int maxPeers, int channelLimit, int mtu, Duration pingInterval, int timeoutLimit,
                          Duration timeoutMinimum, Duration timeoutMaximum, int maxPacketSize, int maxWaitingData,
                          int maxHostWaitingData, Duration handshakeTimeout, int incomingBandwidth, int outgoingBandwidth) {

    /** cgutman/enet's ENET_HOST_DEFAULT_MTU (upstream ENet uses 1392). */
    public static final int DEFAULT_MTU = 900;
    public static final int MAXIMUM_PEERS = ProtocolHeader.NO_PEER;
    public static final int MAXIMUM_CHANNELS = 255;

    public EnetOptions {
        check(maxPeers >= 1 && maxPeers <= MAXIMUM_PEERS, "maxPeers", maxPeers);
        check(channelLimit >= 1 && channelLimit <= MAXIMUM_CHANNELS, "channelLimit", channelLimit);
        check(mtu >= ProtocolHeader.MINIMUM_MTU && mtu <= ProtocolHeader.MAXIMUM_DATAGRAM, "mtu", mtu);
        check(pingInterval.toMillis() >= 1, "pingInterval", pingInterval);
        check(timeoutLimit >= 1, "timeoutLimit", timeoutLimit);
        check(timeoutMinimum.toMillis() >= 1 && timeoutMaximum.compareTo(timeoutMinimum) >= 0, "timeouts", timeoutMinimum + "/" + timeoutMaximum);
        check(maxPacketSize >= 1, "maxPacketSize", maxPacketSize);
        check(maxWaitingData >= 1, "maxWaitingData", maxWaitingData);
        check(maxHostWaitingData >= maxWaitingData, "maxHostWaitingData", maxHostWaitingData);
        check(handshakeTimeout.toMillis() >= 1, "handshakeTimeout", handshakeTimeout);
        check(incomingBandwidth >= 0 && outgoingBandwidth >= 0, "bandwidth", incomingBandwidth + "/" + outgoingBandwidth);
    }

    public static EnetOptions defaults() {
        return new EnetOptions(16, MAXIMUM_CHANNELS, DEFAULT_MTU, Duration.ofMillis(500), 2, Duration.ofSeconds(10),
                Duration.ofSeconds(10), 1 << 20, 4 << 20, 16 << 20, Duration.ofSeconds(3), 0, 0);
    }

    public EnetOptions withMaxPeers(int peers) {
        return new EnetOptions(peers, channelLimit, mtu, pingInterval, timeoutLimit, timeoutMinimum, timeoutMaximum,
                maxPacketSize, maxWaitingData, maxHostWaitingData, handshakeTimeout, incomingBandwidth, outgoingBandwidth);
    }

    public EnetOptions withMtu(int bytes) {
        return new EnetOptions(maxPeers, channelLimit, bytes, pingInterval, timeoutLimit, timeoutMinimum, timeoutMaximum,
                maxPacketSize, maxWaitingData, maxHostWaitingData, handshakeTimeout, incomingBandwidth, outgoingBandwidth);
    }

    public EnetOptions withPingInterval(Duration interval) {
        return new EnetOptions(maxPeers, channelLimit, mtu, interval, timeoutLimit, timeoutMinimum, timeoutMaximum,
                maxPacketSize, maxWaitingData, maxHostWaitingData, handshakeTimeout, incomingBandwidth, outgoingBandwidth);
    }

    /** ENet's {@code enet_peer_timeout(peer, limit, minimum, maximum)}. */
    public EnetOptions withTimeout(int limit, Duration minimum, Duration maximum) {
        return new EnetOptions(maxPeers, channelLimit, mtu, pingInterval, limit, minimum, maximum, maxPacketSize,
                maxWaitingData, maxHostWaitingData, handshakeTimeout, incomingBandwidth, outgoingBandwidth);
    }

    /** A timeout of {@code maximum} whatever the retransmission count (Moonlight's style). */
    public EnetOptions withPeerTimeout(Duration maximum) {
        return withTimeout(timeoutLimit, maximum, maximum);
    }

    public EnetOptions withMaxPacketSize(int bytes) {
        return new EnetOptions(maxPeers, channelLimit, mtu, pingInterval, timeoutLimit, timeoutMinimum, timeoutMaximum, bytes,
                Math.max(maxWaitingData, bytes), Math.max(maxHostWaitingData, bytes), handshakeTimeout, incomingBandwidth,
                outgoingBandwidth);
    }

    /** Bytes held in unfinished packets: {@code perPeer} for each peer, {@code perHost} for all of them together. */
    public EnetOptions withReassemblyBudget(int perPeer, int perHost) {
        return new EnetOptions(maxPeers, channelLimit, mtu, pingInterval, timeoutLimit, timeoutMinimum, timeoutMaximum,
                maxPacketSize, perPeer, perHost, handshakeTimeout, incomingBandwidth, outgoingBandwidth);
    }

    public EnetOptions withHandshakeTimeout(Duration timeout) {
        return new EnetOptions(maxPeers, channelLimit, mtu, pingInterval, timeoutLimit, timeoutMinimum, timeoutMaximum,
                maxPacketSize, maxWaitingData, maxHostWaitingData, timeout, incomingBandwidth, outgoingBandwidth);
    }

    private static void check(boolean ok, String name, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(name + " out of range: " + value);
        }
    }
}
