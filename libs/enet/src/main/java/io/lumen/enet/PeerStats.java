package io.lumen.enet;

import java.time.Duration;

/**
 * Counters of one connection.
 *
 * @param reliableSent     reliable commands sent for the first time (packets, fragments, pings and the connection's own)
 * @param retransmitted    reliable commands sent again because no acknowledgement came in time
 * @param acknowledged     of ours, acknowledged by the peer
 * @param packetsSent      packets the application queued
 * @param packetsReceived  packets handed to the application
 * @param roundTripTime    ENet's smoothed round-trip time (500 ms until the first acknowledgement)
 */
public record PeerStats(long reliableSent, long retransmitted, long acknowledged, long packetsSent, long packetsReceived,
                        Duration roundTripTime, Duration roundTripTimeVariance) {
}
