package io.lumen.protocol.moonlight.impl.video;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The 32-byte header of a leopard16 video shard (docs/leopard16-video.md), all fields little-endian, and the body
 * behind it: a slice of the frame, or a parity shard over the slices.
 */
final class LeopardWire {

    static final int HEADER_BYTES = 32;
    /** Leopard's shards are a multiple of 64 bytes. */
    static final int BODY_MULTIPLE = 64;

    static final int MAGIC = 0;
    static final int VERSION = 1;
    static final int FLAGS = 2;
    static final int FEC_PERCENT = 3;
    static final int FRAME_INDEX = 4;
    static final int PACKET_INDEX = 8;
    static final int SHARD_INDEX = 12;
    static final int DATA_SHARDS = 14;
    static final int PARITY_SHARDS = 16;
    static final int LATENCY = 18;
    static final int FRAME_BYTES = 20;
    static final int TIMESTAMP = 24;
    static final int BODY_BYTES = 28;
    static final int RESERVED = 30;

    static final int MAGIC_VALUE = 'L';
    static final int VERSION_VALUE = 1;
    static final int FLAG_KEYFRAME = 0x1;
    static final int FLAG_PARITY = 0x2;
    /** The first picture of an intra refresh wave: a client that lost frames may resume here. */
    static final int FLAG_INTRA_REFRESH = 0x4;
    /** The first picture that references none of the frames the client reported lost. */
    static final int FLAG_REFERENCES_INVALIDATED = 0x8;

    /** The flags that say what the frame is to a client that lost frames before it. */
    static int kindFlags(FrameKind kind) {
        return switch (kind) {
            case P -> 0;
            case IDR -> FLAG_KEYFRAME;
            case INTRA_REFRESH -> FLAG_INTRA_REFRESH;
            case REFERENCES_INVALIDATED -> FLAG_REFERENCES_INVALIDATED;
        };
    }

    /** Shard indexes and counts are 16 bits. */
    static final int MAX_DATA_SHARDS = 0xFFFF;

    private LeopardWire() {
    }

    /**
     * The body size for a client's packet size: the largest multiple of 64 that, behind the header, is no bigger
     * than the rs8 shard of that packet size ({@code packetSize + 16}), so the datagrams never outgrow what the
     * client asked for.
     */
    static int bodyBytes(int packetSize) {
        int body = (packetSize + VideoWire.RTP_HEADER_BYTES - HEADER_BYTES) / BODY_MULTIPLE * BODY_MULTIPLE;
        if (body < BODY_MULTIPLE) {
            throw new IllegalArgumentException("packets of " + packetSize + " bytes leave no room for a leopard16"
                    + " shard body of " + BODY_MULTIPLE + " bytes");
        }
        return body;
    }

    static void putByte(MemorySegment shard, int offset, int value) {
        shard.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }
}
