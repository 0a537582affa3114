package io.lumen.testkit.moonlight;

/**
 * One FEC block of the frame being received, as the client tracks it: its shape from the first shard's fecInfo,
 * its first sequence number ({@code sequence - fecIndex}), the shards in so far by index.
 */
final class ReceivedBlock {

    final int index;
    final int dataShards;
    final int parityShards;
    final int fecPercent;
    final int firstSequence;
    final int rtpFlags;
    final int timestamp;
    final byte[][] shards;
    int received;
    int receivedData;
    int highest = -1;
    boolean done;

    ReceivedBlock(VideoShardHeader header) {
        this.index = header.blockIndex();
        this.dataShards = header.dataShards();
        this.parityShards = header.parityShards();
        this.fecPercent = header.fecPercent();
        this.firstSequence = (header.sequence() - header.fecIndex()) & 0xFFFF;
        this.rtpFlags = header.rtpFlags();
        this.timestamp = header.timestamp();
        this.shards = new byte[dataShards + parityShards][];
    }

    boolean matches(VideoShardHeader header) {
        return header.dataShards() == dataShards && header.fecPercent() == fecPercent
                && ((header.sequence() - header.fecIndex()) & 0xFFFF) == firstSequence;
    }

    void store(VideoShardHeader header, byte[] shard) {
        shards[header.fecIndex()] = shard;
        received++;
        receivedData += header.parity() ? 0 : 1;
        highest = Math.max(highest, header.fecIndex());
    }

    /** Shards not in below the highest one that is: lost, since loopback and LANs rarely reorder. */
    int gapsBelowHighest() {
        return highest + 1 - received;
    }
}
