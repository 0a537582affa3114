package io.lumen.testkit.moonlight;

/**
 * A video shard's 32-byte header read the way moonlight-common-c reads it (Video.h, RtpVideoQueue.c): RTP
 * fields big-endian, NV_VIDEO_PACKET fields little-endian, the FEC fields unpacked from fecInfo and
 * multiFecBlocks with the client's masks.
 *
 * @param streamPacketIndex the 24-bit packet counter (the field shifted right by 8)
 * @param parityShards      what the client derives: {@code (dataShards * fecPercent + 99) / 100}
 */
public record VideoShardHeader(int rtpFlags, int sequence, int timestamp, int streamPacketIndex, int frameIndex,
                               int flags, int blockIndex, int lastBlock, int fecIndex, int dataShards,
                               int fecPercent, int parityShards) {

    public static final int BYTES = 32;
    public static final int FLAG_EXTENSION = 0x10;
    public static final int FLAG_CONTAINS_PIC_DATA = 0x1;
    public static final int FLAG_EOF = 0x2;
    public static final int FLAG_SOF = 0x4;

    public static VideoShardHeader parse(byte[] shard) {
        if (shard.length < BYTES) {
            throw new IllegalArgumentException("a video shard header is " + BYTES + " bytes, got " + shard.length);
        }
        int fecInfo = le32(shard, 28);
        int dataShards = fecInfo >>> 22 & 0x3FF;
        int percent = fecInfo >>> 4 & 0xFF;
        int multiFecBlocks = shard[27] & 0xFF;
        return new VideoShardHeader(shard[0] & 0xFF, be16(shard, 2), be32(shard, 4), le32(shard, 16) >>> 8 & 0xFFFFFF,
                le32(shard, 20), shard[24] & 0xFF, multiFecBlocks >> 4 & 0x3, multiFecBlocks >> 6 & 0x3,
                fecInfo >>> 12 & 0x3FF, dataShards, percent, (dataShards * percent + 99) / 100);
    }

    public boolean parity() {
        return fecIndex >= dataShards;
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int be16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static int be32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    static void putLe32(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
    }
}
