package io.lumen.testkit.moonlight;

/**
 * A leopard16 video shard's 32-byte header, read as docs/leopard16-video.md defines it (all little-endian).
 *
 * @param dataShards   the frame's data shards; the block is coded over {@code max(dataShards, parityShards)}
 *                     originals, the ones past the data being zeros nobody sends
 * @param frameBytes   the frame's Annex-B bytes
 */
public record LeopardShardHeader(int version, boolean keyframe, int fecPercent, int frameIndex, int packetIndex,
                                 int shardIndex, int dataShards, int parityShards, int latencyTenthsMs,
                                 int frameBytes, int timestamp, int bodyBytes) {

    public static final int BYTES = 32;
    public static final int MAGIC = 'L';
    public static final int VERSION = 1;

    /** The header, or null when the shard is not a version-1 leopard16 shard. */
    public static LeopardShardHeader parse(byte[] shard) {
        if (shard.length < BYTES || (shard[0] & 0xFF) != MAGIC || (shard[1] & 0xFF) != VERSION) {
            return null;
        }
        return new LeopardShardHeader(shard[1] & 0xFF, (shard[2] & 0x1) != 0, shard[3] & 0xFF,
                VideoShardHeader.le32(shard, 4), VideoShardHeader.le32(shard, 8), VideoShardHeader.le16(shard, 12),
                VideoShardHeader.le16(shard, 14), VideoShardHeader.le16(shard, 16), VideoShardHeader.le16(shard, 18),
                VideoShardHeader.le32(shard, 20), VideoShardHeader.le32(shard, 24), VideoShardHeader.le16(shard, 28));
    }

    public int totalShards() {
        return dataShards + parityShards;
    }

    public int codedOriginals() {
        return Math.max(dataShards, parityShards);
    }

    /** The header describes a frame whose pieces add up: the body holds the frame in {@code dataShards} slices. */
    public boolean consistent(int shardLength) {
        return dataShards >= 1 && bodyBytes >= 64 && bodyBytes % 64 == 0 && shardLength == BYTES + bodyBytes
                && shardIndex < totalShards() && frameBytes >= 0
                && (long) dataShards * bodyBytes >= frameBytes && (long) (dataShards - 1) * bodyBytes < Math.max(1, frameBytes)
                && (parityShards == 0 || fecPercent > 0);
    }
}
