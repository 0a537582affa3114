package io.lumen.protocol.moonlight.impl.video;

import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * What every scheme's framing keeps the same way: the frame's shards in a reused arena, the codec source, the FEC
 * percentage the client's loss reports move, the frame index and the stream's packet counter.
 */
abstract class ArenaFraming implements VideoFraming {

    /** A 1 MB frame fits without growing the arena at the default packet size. */
    static final int INITIAL_SHARDS = 1024;

    final ShardArena arena;
    final FecCodecSource fec;
    final int minParity;
    private volatile int fecPercent;
    private volatile LinkLoss linkLoss = LinkLoss.NONE;
    /** The floor of the last frame, kept while the loss it was sized for stays (frame thread only). */
    private ParityFloor floor = ParityFloor.of(LinkLoss.NONE);
    private LinkLoss floorBaseline = LinkLoss.NONE;
    private LinkLoss floorReported = LinkLoss.NONE;
    private int nextFrameIndex = 1;
    private long nextPacket;

    ArenaFraming(VideoStreamParams params, FecCodecSource fec, ShardArena arena) {
        this.arena = arena;
        this.fec = fec;
        this.minParity = params.minRequiredFecPackets();
        this.fecPercent = params.fecPercent();
    }

    @Override
    public final int shardBytes() {
        return arena.shardBytes();
    }

    @Override
    public final ByteBuffer shard(int index) {
        return arena.buffer(index);
    }

    @Override
    public final MemorySegment shardSegment(int index) {
        return arena.shard(index);
    }

    /** The parity per 100 data shards of the frames laid out from now on (each shard tells the client). */
    @Override
    public final void fecPercent(int percent) {
        if (percent < 0 || percent > 255) {
            throw new IllegalArgumentException("FEC percentage " + percent + " is outside 0..255");
        }
        fecPercent = percent;
    }

    @Override
    public final int fecPercent() {
        return fecPercent;
    }

    @Override
    public final void linkLoss(LinkLoss loss) {
        linkLoss = java.util.Objects.requireNonNull(loss, "loss");
    }

    @Override
    public final LinkLoss linkLoss() {
        return linkLoss;
    }

    /**
     * The parity floor of the next frame, sized for the link's reported loss and at least {@code baseline} (what the
     * scheme assumes of any link); the same object while neither changes, so its memo serves frame after frame.
     */
    final ParityFloor floor(LinkLoss baseline) {
        LinkLoss reported = linkLoss;
        if (!baseline.equals(floorBaseline) || !reported.equals(floorReported)) {
            floor = ParityFloor.reported(baseline, reported);
            floorBaseline = baseline;
            floorReported = reported;
        }
        return floor;
    }

    @Override
    public final int skipFrame() {
        return nextFrameIndex++;
    }

    /** The index the next frame laid out takes. */
    final int takeFrameIndex() {
        return nextFrameIndex++;
    }

    /** The packet counter's value at the next frame's first shard. */
    final long nextPacket() {
        return nextPacket;
    }

    /** A frame of {@code shards} is going out: the counter runs on past it. */
    final void packetsTaken(int shards) {
        nextPacket += shards;
    }
}
