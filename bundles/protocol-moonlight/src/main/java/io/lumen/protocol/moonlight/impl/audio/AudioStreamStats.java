package io.lumen.protocol.moonlight.impl.audio;

import java.net.InetSocketAddress;

/**
 * What an audio stream has done so far.
 *
 * @param failure           why the stream stopped listening, null while it listens
 * @param client            where packets go, learned from the first ping; null before it
 * @param dataPackets       RTP audio packets sent (PT 97)
 * @param fecPackets        parity packets sent (PT 127)
 * @param bytesSent         UDP payload bytes of both
 * @param pingsReceived     this session's pings from its client
 * @param foreignDropped    datagrams dropped: not a ping of this session, or from another address
 * @param unsent            packets the session's audio made before the client's ping (or after close), not sent
 * @param sendFailures      datagrams the socket refused
 * @param unevenFecBlocks   FEC blocks whose payloads differed in length (a CBR encoder makes none)
 */
public record AudioStreamStats(String failure, InetSocketAddress client, long dataPackets, long fecPackets,
                               long bytesSent, long pingsReceived, long foreignDropped, long unsent,
                               long sendFailures, long unevenFecBlocks) {
}
