package io.lumen.testkit.moonlight;

/**
 * What a {@link VideoReceiver} saw.
 *
 * @param framesComplete     frames handed out whole
 * @param framesRecovered    of those, frames that needed FEC
 * @param framesLost         frames given up: too few shards by the time a later frame arrived, never seen at
 *                           all (a gap in the frame index), or rebuilt into something corrupt
 * @param shardsLost         shards missing from the blocks handled: below the highest one received when a block
 *                           completed, every missing one when its frame was given up
 * @param dataShardsRebuilt  data shards rebuilt by FEC
 * @param datagramsReceived  datagrams read from the socket, before loss injection
 * @param datagramsDropped   datagrams thrown away by the loss injection
 * @param shardsUnneeded     shards the client had no use for: parity arriving after its block was rebuilt or
 *                           complete, shards of a frame already delivered or given up, duplicates
 * @param datagramsRejected  datagrams the client's rules refuse: runts, failed authentication, bad headers
 */
public record VideoReceiverStats(long framesComplete, long framesRecovered, long framesLost, long shardsLost,
                                 long dataShardsRebuilt, long datagramsReceived, long datagramsDropped,
                                 long shardsUnneeded, long datagramsRejected) {
}
