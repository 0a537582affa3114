package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecSchemes;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The "rs8-moonlight" framing, what every stock client reads: turns access units into video shards byte for byte
 * as Sunshine does, so moonlight-common-c reassembles them.
 * Frame indexes start at 1 and the shard counter (Sunshine's {@code lowseq}: RTP sequence numbers are its low
 * 16 bits, streamPacketIndex its low 24) runs on across frames. One frame at a time, on one thread: the shards
 * live in a reused arena and stay valid until the next {@link #layOut}.
 *
 * <p>Per block the order matters for the client's recovery (PROTOCOL-DETAIL.md 4.2): the data shards get
 * streamPacketIndex, frameIndex, flags and the multi-FEC bytes with the RTP bytes and fecInfo still zero, the
 * parity is computed over the whole shard, and only then fecInfo, the RTP header, multiFecBlocks and frameIndex
 * are written into every shard. The header bytes of parity shards that are never overwritten keep their parity
 * values, which is what lets a rebuilt data shard come back with its flags and streamPacketIndex.
 */
final class Rs8Packetizer extends ArenaFraming {

    private final int packetSize;
    private final int sliceBytes;
    private final MemorySegment zeros;
    private final MemorySegment[][] originalsByCount = new MemorySegment[VideoWire.MAX_BLOCK_SHARDS + 1][];
    private final MemorySegment[][] recoveryByCount = new MemorySegment[VideoWire.MAX_BLOCK_SHARDS + 1][];

    Rs8Packetizer(VideoStreamParams params, FecCodec fec) {
        this(params, FecCodecSource.of(fec));
    }

    /** {@code fec} leases the codec each frame is protected with (none registered: no parity then). */
    Rs8Packetizer(VideoStreamParams params, FecCodecSource fec) {
        super(params, fec, new ShardArena(params.shardBytes(), INITIAL_SHARDS));
        this.packetSize = params.packetSize();
        this.sliceBytes = packetSize - VideoWire.RTP_HEADER_BYTES;
        this.zeros = Arena.ofAuto().allocate(params.shardBytes());
    }

    @Override
    public String scheme() {
        return FecSchemes.RS8_MOONLIGHT;
    }

    /**
     * Copies the frame into its data shards with their pre-FEC headers; a block over 1023 shards cannot be
     * addressed, so such a frame is not sent.
     */
    @Override
    public PacketizedFrame layOut(MemorySegment annexB, FrameKind kind, int rtpTimestamp, int latencyTenthsMs) {
        long length = annexB.byteSize();
        FecCodecSource.Lease lease = fec.acquire();
        FecCodec codec = lease.codec();
        Rs8FramePlan plan = Rs8FramePlan.of((int) Math.min(length, Integer.MAX_VALUE - sliceBytes), packetSize,
                codec == null ? 0 : fecPercent(), minParity, floor(ParityFloor.QUIET_LINK),
                codec == null ? VideoWire.MAX_BLOCK_SHARDS
                        : Math.min(codec.limits().maxTotalShards(), VideoWire.MAX_BLOCK_SHARDS)); // the client's nanors
        PacketizedFrame frame = new PacketizedFrame(takeFrameIndex(), nextPacket(), rtpTimestamp, plan, lease);
        if (!plan.sendable()) {
            return frame;
        }
        arena.ensure(plan.totalShards());
        packetsTaken(plan.totalShards());

        long copied = 0;
        for (int block = 0; block < plan.blocks(); block++) {
            int first = plan.firstShard(block);
            int data = plan.dataShards()[block];
            long blockSequence = frame.firstSequence() + first;
            for (int x = 0; x < data; x++) {
                MemorySegment shard = arena.shard(first + x);
                writeDataHeader(shard, frame.frameIndex(), blockSequence + x, x, data, block, plan.blocks());
                long offset = VideoWire.HEADER_BYTES;
                int room = sliceBytes;
                if (block == 0 && x == 0) {
                    writeFrameHeader(shard, offset, kind, latencyTenthsMs, plan.lastPayloadLength());
                    offset += VideoWire.FRAME_HEADER_BYTES;
                    room -= VideoWire.FRAME_HEADER_BYTES;
                }
                long take = Math.min(room, length - copied);
                MemorySegment.copy(annexB, copied, shard, offset, take);
                copied += take;
                if (take < room) {
                    MemorySegment.copy(zeros, 0, shard, offset + take, room - take);
                }
            }
        }
        return frame;
    }

    /** Computes one block's parity and then writes the headers every shard of the block gets after FEC. */
    @Override
    public void protect(PacketizedFrame frame, int block) {
        Rs8FramePlan plan = (Rs8FramePlan) frame.plan();
        int first = plan.firstShard(block);
        int data = plan.dataShards()[block];
        BlockParity parity = plan.parity()[block];
        if (parity.shards() > 0) {
            MemorySegment[] originals = reusable(originalsByCount, data);
            MemorySegment[] recovery = reusable(recoveryByCount, parity.shards());
            for (int i = 0; i < data; i++) {
                originals[i] = arena.shard(first + i);
            }
            for (int j = 0; j < recovery.length; j++) {
                recovery[j] = arena.shard(first + data + j);
            }
            frame.codec().encode(originals, recovery);
        }
        long blockSequence = frame.firstSequence() + first;
        int multiFecBlocks = VideoWire.multiFecBlocks(block, plan.blocks());
        int total = data + parity.shards();
        for (int x = 0; x < total; x++) {
            MemorySegment shard = arena.shard(first + x);
            shard.set(VideoWire.LE32, VideoWire.FEC_INFO, VideoWire.fecInfo(x, data, parity.wirePercent()));
            VideoWire.putByte(shard, VideoWire.RTP_FLAGS, VideoWire.RTP_V2_EXTENSION);
            shard.set(VideoWire.BE16, VideoWire.SEQUENCE, (short) (blockSequence + x));
            shard.set(VideoWire.BE32, VideoWire.TIMESTAMP, frame.rtpTimestamp());
            VideoWire.putByte(shard, VideoWire.MULTI_FEC_BLOCKS, multiFecBlocks);
            shard.set(VideoWire.LE32, VideoWire.FRAME_INDEX, frame.frameIndex());
        }
    }

    private void writeDataHeader(MemorySegment shard, int frameIndex, long sequence, int x, int data, int block,
                                 int blocks) {
        MemorySegment.copy(zeros, 0, shard, 0, VideoWire.RTP_HEADER_BYTES);
        shard.set(VideoWire.LE32, VideoWire.STREAM_PACKET_INDEX, (int) (sequence << 8));
        shard.set(VideoWire.LE32, VideoWire.FRAME_INDEX, frameIndex);
        int flags = VideoWire.FLAG_CONTAINS_PIC_DATA | (x == 0 ? VideoWire.FLAG_SOF : 0)
                | (x == data - 1 ? VideoWire.FLAG_EOF : 0);
        VideoWire.putByte(shard, VideoWire.FLAGS, flags);
        VideoWire.putByte(shard, VideoWire.EXTRA_FLAGS, 0);
        VideoWire.putByte(shard, VideoWire.MULTI_FEC_FLAGS, VideoWire.MULTI_FEC_FLAGS_VALUE);
        VideoWire.putByte(shard, VideoWire.MULTI_FEC_BLOCKS, VideoWire.multiFecBlocks(block, blocks));
        shard.set(VideoWire.LE32, VideoWire.FEC_INFO, 0);
    }

    /** Sunshine's video_short_frame_header_t: type 1, LE16 latency, frame type, LE16 lastPayloadLen, 2 zeros. */
    private static void writeFrameHeader(MemorySegment shard, long offset, FrameKind kind, int latencyTenthsMs,
                                         int lastPayloadLength) {
        VideoWire.putByte(shard, (int) offset, VideoWire.SHORT_HEADER_TYPE);
        shard.set(VideoWire.LE16, offset + 1, (short) latencyTenthsMs);
        VideoWire.putByte(shard, (int) offset + 3, kind.wireType());
        shard.set(VideoWire.LE16, offset + 4, (short) lastPayloadLength);
        shard.set(VideoWire.LE16, offset + 6, (short) 0);
    }

    private static MemorySegment[] reusable(MemorySegment[][] byCount, int count) {
        MemorySegment[] array = byCount[count];
        if (array == null) {
            array = new MemorySegment[count];
            byCount[count] = array;
        }
        return array;
    }
}
