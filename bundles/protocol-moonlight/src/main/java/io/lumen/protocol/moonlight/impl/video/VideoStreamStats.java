package io.lumen.protocol.moonlight.impl.video;

/**
 * The video stream's counters since it opened.
 *
 * @param framesSent           frames whose every packet went out
 * @param framesWithoutFec     of those, frames sent with no parity: too big for 4 FEC blocks, FEC set to 0%, or
 *                             no codec of the scheme registered
 * @param framesAwaitingClient access units dropped before the first one the client can start from: no valid ping
 *                             had told where the client is yet, or they came before the first keyframe after it
 * @param framesUnsendable     access units refused: a block over 1023 shards, or not the negotiated codec
 * @param framesFailed         frames cut short by a socket error, or offered after close
 * @param dataPackets          data shards sent
 * @param parityPackets        parity shards sent
 * @param fecBlocks            FEC blocks sent (frames without FEC count their blocks too)
 * @param bytesSent            UDP payload bytes sent
 * @param pingsReceived        valid pings from the client
 * @param foreignDatagrams     anything else that reached the video port, dropped
 * @param hostTimeSamples      frames timed in total; the percentiles cover the most recent few hundred
 * @param hostTimeP50Nanos     median time from access unit in to its last packet sent
 * @param hostTimeP99Nanos     99th percentile of the same
 * @param hostTimeMaxNanos     the longest of the recent samples
 * @param videoBytes           Annex-B bytes of the frames sent, what the parity and headers ride on
 * @param keyframesSent        IDR frames sent
 * @param intraRefreshesSent   frames sent that start a wave of intra refresh (frame type 4)
 * @param invalidationsSent    frames sent that reference none of the frames a client reported lost (frame type 5)
 */
public record VideoStreamStats(long framesSent, long framesWithoutFec, long framesAwaitingClient,
                               long framesUnsendable, long framesFailed, long dataPackets, long parityPackets,
                               long fecBlocks, long bytesSent, long pingsReceived, long foreignDatagrams,
                               long hostTimeSamples, long hostTimeP50Nanos, long hostTimeP99Nanos,
                               long hostTimeMaxNanos, long videoBytes, long keyframesSent, long intraRefreshesSent,
                               long invalidationsSent) {

    public long packetsSent() {
        return dataPackets + parityPackets;
    }
}
