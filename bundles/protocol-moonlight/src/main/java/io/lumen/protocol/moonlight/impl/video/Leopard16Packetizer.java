package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecSchemes;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The "leopard16" framing (docs/leopard16-video.md): each frame is one GF(2^16) Leopard-RS block of any size,
 * its shards a 32-byte header and a body of a multiple of 64 bytes. The header is not coded: every shard carries
 * the whole frame's shape, so the client can rebuild the missing bodies from any {@code data} shards of the frame.
 * The packet counter runs on across frames, as rs8's does, so the client can count what the network lost.
 */
final class Leopard16Packetizer extends ArenaFraming {

    private final int bodyBytes;
    private final MemorySegment zeroBody;

    /** {@code fec} leases the leopard16 codec each frame is protected with (none registered: no parity then). */
    Leopard16Packetizer(VideoStreamParams params, FecCodecSource fec) {
        super(params, fec, new ShardArena(params.shardBytes(), LeopardWire.HEADER_BYTES, INITIAL_SHARDS));
        this.bodyBytes = LeopardWire.bodyBytes(params.packetSize());
        this.zeroBody = Arena.ofAuto().allocate(bodyBytes, 64);
    }

    Leopard16Packetizer(VideoStreamParams params, FecCodec fec) {
        this(params, FecCodecSource.of(fec));
    }

    @Override
    public String scheme() {
        return FecSchemes.LEOPARD16;
    }

    int bodyBytes() {
        return bodyBytes;
    }

    @Override
    public PacketizedFrame layOut(MemorySegment annexB, FrameKind kind, int rtpTimestamp, int latencyTenthsMs) {
        FecCodecSource.Lease lease = fec.acquire();
        FecCodec codec = lease.codec();
        int percent = fecPercent();
        Leopard16FramePlan plan = Leopard16FramePlan.of(annexB.byteSize(), bodyBytes, percent, minParity,
                floor(ParityFloor.ofPercent(percent).atLeast(ParityFloor.QUIET_LINK)),
                codec == null ? null : codec.limits());
        PacketizedFrame frame = new PacketizedFrame(takeFrameIndex(), nextPacket(), rtpTimestamp, plan, lease);
        if (!plan.sendable()) {
            return frame;
        }
        arena.ensure(plan.totalShards());
        packetsTaken(plan.totalShards());
        long length = annexB.byteSize();
        for (int x = 0; x < plan.data(); x++) {
            long from = (long) x * bodyBytes;
            long take = Math.min(bodyBytes, length - from);
            MemorySegment body = arena.body(x);
            MemorySegment.copy(annexB, from, body, 0, take);
            if (take < bodyBytes) {
                MemorySegment.copy(zeroBody, 0, body, take, bodyBytes - take);
            }
        }
        for (int x = 0; x < plan.totalShards(); x++) {
            writeHeader(arena.shard(x), frame, plan, x, kind, percent, latencyTenthsMs);
        }
        return frame;
    }

    /** The parity bodies; the headers were written with the layout, as nothing in them depends on the parity. */
    @Override
    public void protect(PacketizedFrame frame, int block) {
        Leopard16FramePlan plan = (Leopard16FramePlan) frame.plan();
        if (plan.parity() == 0) {
            return;
        }
        MemorySegment[] originals = new MemorySegment[plan.codedOriginals()];
        for (int i = 0; i < plan.data(); i++) {
            originals[i] = arena.body(i);
        }
        Arrays.fill(originals, plan.data(), originals.length, zeroBody);
        MemorySegment[] recovery = new MemorySegment[plan.parity()];
        for (int j = 0; j < recovery.length; j++) {
            recovery[j] = arena.body(plan.data() + j);
        }
        frame.codec().encode(originals, recovery);
    }

    private void writeHeader(MemorySegment shard, PacketizedFrame frame, Leopard16FramePlan plan, int index,
                             FrameKind kind, int percent, int latencyTenthsMs) {
        boolean parity = index >= plan.data();
        LeopardWire.putByte(shard, LeopardWire.MAGIC, LeopardWire.MAGIC_VALUE);
        LeopardWire.putByte(shard, LeopardWire.VERSION, LeopardWire.VERSION_VALUE);
        LeopardWire.putByte(shard, LeopardWire.FLAGS, LeopardWire.kindFlags(kind)
                | (parity ? LeopardWire.FLAG_PARITY : 0));
        LeopardWire.putByte(shard, LeopardWire.FEC_PERCENT, percent);
        shard.set(VideoWire.LE32, LeopardWire.FRAME_INDEX, frame.frameIndex());
        shard.set(VideoWire.LE32, LeopardWire.PACKET_INDEX, (int) (frame.firstSequence() + index));
        shard.set(VideoWire.LE16, LeopardWire.SHARD_INDEX, (short) index);
        shard.set(VideoWire.LE16, LeopardWire.DATA_SHARDS, (short) plan.data());
        shard.set(VideoWire.LE16, LeopardWire.PARITY_SHARDS, (short) plan.parity());
        shard.set(VideoWire.LE16, LeopardWire.LATENCY, (short) latencyTenthsMs);
        shard.set(VideoWire.LE32, LeopardWire.FRAME_BYTES, plan.frameBytes());
        shard.set(VideoWire.LE32, LeopardWire.TIMESTAMP, frame.rtpTimestamp());
        shard.set(VideoWire.LE16, LeopardWire.BODY_BYTES, (short) bodyBytes);
        shard.set(VideoWire.LE16, LeopardWire.RESERVED, (short) 0);
    }
}
