package io.lumen.testkit.moonlight;

/**
 * What an {@link AudioReceiver} has seen.
 *
 * @param pingsSent          pings sent to the host's audio port
 * @param datagrams          datagrams received, before injected loss
 * @param dataPackets        audio packets (PT 97) that reached the queue
 * @param fecPackets         parity packets (PT 127) that reached the queue
 * @param delivered          packets handed out with a payload, received or recovered
 * @param recovered          of those, rebuilt from parity
 * @param lost               packets handed out empty: lost and not rebuilt
 * @param injectedDataDrops  audio packets dropped on purpose ({@link AudioLoss})
 * @param injectedFecDrops   parity packets dropped on purpose
 * @param invalid            runts, unknown payload types, malformed FEC headers
 * @param duplicates         shards received twice
 * @param failedBlocks       blocks given up with holes
 * @param discontinuities    handed-out packets whose sequence number or timestamp did not follow the previous one
 * @param decryptFailures    payloads that did not decrypt
 * @param fecDisabled        the host broke a rule audio FEC relies on, so the queue passes data straight through
 * @param firstSequenceNumber the first sequence number handed out (-1 before any)
 * @param lastSequenceNumber  the last sequence number handed out (-1 before any)
 */
public record AudioReceiverStats(long pingsSent, long datagrams, long dataPackets, long fecPackets, long delivered,
                                 long recovered, long lost, long injectedDataDrops, long injectedFecDrops,
                                 long invalid, long duplicates, long failedBlocks, long discontinuities,
                                 long decryptFailures, boolean fecDisabled, int firstSequenceNumber,
                                 int lastSequenceNumber) {
}
