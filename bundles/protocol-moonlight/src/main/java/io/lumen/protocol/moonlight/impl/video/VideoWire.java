package io.lumen.protocol.moonlight.impl.video;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The video shard's 32-byte header as moonlight-common-c reads it ({@code RTP_PACKET} + 4 reserved bytes +
 * {@code NV_VIDEO_PACKET}, Video.h) and the encryption prefix in front of it. RTP fields are big-endian, the NV
 * fields little-endian.
 */
final class VideoWire {

    static final int RTP_HEADER_BYTES = 16;
    static final int HEADER_BYTES = 32;
    static final int FRAME_HEADER_BYTES = 8;

    static final int RTP_FLAGS = 0;
    static final int SEQUENCE = 2;
    static final int TIMESTAMP = 4;
    static final int STREAM_PACKET_INDEX = 16;
    static final int FRAME_INDEX = 20;
    static final int FLAGS = 24;
    static final int EXTRA_FLAGS = 25;
    static final int MULTI_FEC_FLAGS = 26;
    static final int MULTI_FEC_BLOCKS = 27;
    static final int FEC_INFO = 28;

    /** RTP version 2 with the extension bit, which tells the client the 4 reserved bytes follow. */
    static final int RTP_V2_EXTENSION = 0x90;
    static final int FLAG_CONTAINS_PIC_DATA = 0x1;
    static final int FLAG_EOF = 0x2;
    static final int FLAG_SOF = 0x4;
    /** What Sunshine writes, to match Moonlight's own value for multi-FEC capable hosts. */
    static final int MULTI_FEC_FLAGS_VALUE = 0x10;

    static final int SHORT_HEADER_TYPE = 0x01;

    /** {@code ENC_VIDEO_HEADER}: iv[12], LE32 frame number, tag[16]. */
    static final int ENC_HEADER_BYTES = 32;
    static final int ENC_IV_BYTES = 12;
    static final int ENC_FRAME_NUMBER = 12;
    static final int ENC_TAG = 16;
    static final int TAG_BYTES = 16;

    static final int MAX_FEC_BLOCKS = 4;
    /** nanors' DATA_SHARDS_MAX: data plus parity in one GF(2^8) block. */
    static final int MAX_BLOCK_SHARDS = 255;
    /** fecInfo has 10 bits for the shard index: a bigger block cannot be addressed. */
    static final int MAX_BLOCK_INDEX_SHARDS = 1023;

    static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt BE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort BE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private VideoWire() {
    }

    /** The client reads shard index {@code & 0x3FF000}, data shards {@code & 0xFFC00000}, percent {@code & 0xFF0}. */
    static int fecInfo(int shardIndex, int dataShards, int percent) {
        return shardIndex << 12 | dataShards << 22 | percent << 4;
    }

    /** Block index in bits 4-5, block count - 1 in bits 6-7. */
    static int multiFecBlocks(int block, int blocks) {
        return block << 4 | (blocks - 1) << 6;
    }

    static void putByte(MemorySegment shard, int offset, int value) {
        shard.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }
}
