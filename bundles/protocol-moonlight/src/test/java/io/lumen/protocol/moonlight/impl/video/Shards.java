package io.lumen.protocol.moonlight.impl.video;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Reading shard headers back in tests, and frames of Annex-B-looking bytes to send. */
final class Shards {

    private Shards() {
    }

    static byte[] bytes(Rs8Packetizer packetizer, int index) {
        return packetizer.shardSegment(index).toArray(ValueLayout.JAVA_BYTE);
    }

    static int le32(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    static int le16(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
    }

    static int be16(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 2).getShort() & 0xFFFF;
    }

    static int be32(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).getInt();
    }

    static int fecIndex(byte[] shard) {
        return le32(shard, 28) >>> 12 & 0x3FF;
    }

    static int dataShards(byte[] shard) {
        return le32(shard, 28) >>> 22;
    }

    static int fecPercent(byte[] shard) {
        return le32(shard, 28) >>> 4 & 0xFF;
    }

    /** A start code, an IDR or non-IDR slice NAL header, then random bytes; {@code size} in total (at least 5). */
    static byte[] annexB(Random random, int size, boolean keyframe) {
        byte[] frame = new byte[size];
        random.nextBytes(frame);
        frame[0] = 0;
        frame[1] = 0;
        frame[2] = 0;
        frame[3] = 1;
        frame[4] = (byte) (keyframe ? 0x65 : 0x41);
        return frame;
    }

    static MemorySegment segment(byte[] bytes) {
        return MemorySegment.ofArray(bytes);
    }
}
