package io.lumen.testkit.moonlight;

/**
 * What a client under loss saw and did, for a test to read at the end.
 *
 * @param framesWhole                frames the reassembly completed (with FEC or without)
 * @param framesLost                 frames lost beyond what FEC could rebuild
 * @param framesDroppedWhileHealing  whole frames not handed to the decoder while waiting for an IDR or for a frame
 *                                   after reference invalidation (and the frames before the first IDR)
 * @param keyframes                  whole frames of type 2 (IDR)
 * @param intraRefreshFrames         whole frames of type 4 (intra refresh)
 * @param invalidatedReferenceFrames whole frames of type 5 (P with references invalidated)
 * @param idrRequests                0x0302 sent because of loss (not the one that starts the stream)
 * @param rfiRequests                0x0301 sent, after merging
 * @param blocksRebuilt              FEC blocks whose missing data shards FEC rebuilt
 * @param fecReports                 FEC status reports (0x5502) handed to the control stream
 * @param blocksAudited              rs8-moonlight blocks whose parity was checked against their header (0 for
 *                                   leopard16)
 * @param parityMismatches           of those, blocks whose shards disagree with the parity count the client
 *                                   computes from the header
 */
public record VideoLossCounters(long framesWhole, long framesLost, long framesDroppedWhileHealing, long keyframes,
                                long intraRefreshFrames, long invalidatedReferenceFrames, long idrRequests,
                                long rfiRequests, long blocksRebuilt, long fecReports, long blocksAudited,
                                long parityMismatches) {
}
