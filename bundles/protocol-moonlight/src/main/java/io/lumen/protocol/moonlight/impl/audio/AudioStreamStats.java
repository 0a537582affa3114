package io.lumen.protocol.moonlight.impl.audio;

import java.net.InetSocketAddress;

/**
 * What an audio stream has done so far.
 *
 * @param encoder           "opus 1.3.1, stereo 96 kbps CBR 5 ms", or "unavailable: &lt;reason&gt;" when the stream
 *                          sends nothing (the session goes on with video only), or "failed: &lt;reason&gt;"
 * @param client            where packets go, learned from the first ping; null before it
 * @param dataPackets       RTP audio packets sent (PT 97)
 * @param fecPackets        parity packets sent (PT 127)
 * @param bytesSent         UDP payload bytes of both
 * @param pingsReceived     this session's pings from its client
 * @param foreignDropped    datagrams dropped: not a ping of this session, or from another address
 * @param framesSkipped     frames never sent because the sender fell too far behind its schedule
 * @param sendFailures      datagrams the socket refused
 * @param unevenFecBlocks   FEC blocks whose payloads differed in length (a CBR encoder makes none)
 */
public record AudioStreamStats(String encoder, InetSocketAddress client, long dataPackets, long fecPackets,
                               long bytesSent, long pingsReceived, long foreignDropped, long framesSkipped,
                               long sendFailures, long unevenFecBlocks) {

    public boolean available() {
        return !encoder.startsWith("unavailable: ") && !encoder.startsWith("failed: ");
    }
}
