package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.fec.FecCodec;
import io.lumen.protocol.moonlight.impl.fec.FecCodecSource;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A FEC scheme's wire framing of the video stream: turns access units into shards, each a whole datagram before
 * encryption, and computes their parity one block at a time. Frame indexes start at 1 and run on across frames,
 * whatever the scheme, because the control stream names frames by them. One frame at a time, on one thread: the
 * shards stay valid until the next {@link #layOut}.
 */
interface VideoFraming {

    /**
     * One frame as laid out: its index, the stream's packet counter at its first shard, its layout, and the lease on
     * the codec its parity is computed with, held until the frame is closed (sent).
     */
    record PacketizedFrame(int frameIndex, long firstSequence, int rtpTimestamp, FrameLayout plan,
                           FecCodecSource.Lease lease) implements AutoCloseable {

        int shardCount() {
            return plan.sendable() ? plan.totalShards() : 0;
        }

        /** The codec of the frame's parity; null when the frame goes without (none was registered). */
        FecCodec codec() {
            return lease.codec();
        }

        @Override
        public void close() {
            lease.close();
        }
    }

    /**
     * Copies the frame into its data shards, leasing the codec its parity will be computed with: close the frame
     * once sent. Takes the next frame index even when the frame cannot be sent, so the client sees the gap and asks
     * for a recovery frame instead of decoding past a hole.
     */
    PacketizedFrame layOut(MemorySegment annexB, FrameKind kind, int rtpTimestamp, int latencyTenthsMs);

    /** Computes one block's parity and finishes the headers of its shards. */
    void protect(PacketizedFrame frame, int block);

    /** Lays out and protects every block, and lets the codec go; the shards stay until the next frame. */
    default PacketizedFrame packetize(MemorySegment annexB, boolean keyframe, int rtpTimestamp, int latencyTenthsMs) {
        return packetize(annexB, FrameKind.of(keyframe), rtpTimestamp, latencyTenthsMs);
    }

    /** The same for a frame of any kind. */
    default PacketizedFrame packetize(MemorySegment annexB, FrameKind kind, int rtpTimestamp, int latencyTenthsMs) {
        try (PacketizedFrame frame = layOut(annexB, kind, rtpTimestamp, latencyTenthsMs)) {
            if (frame.plan().sendable()) {
                for (int block = 0; block < frame.plan().blocks(); block++) {
                    protect(frame, block);
                }
            }
            return frame;
        }
    }

    /** The shard, in send order, as a buffer from its first byte to its last. */
    ByteBuffer shard(int index);

    MemorySegment shardSegment(int index);

    /** Bytes of every shard of the stream. */
    int shardBytes();

    /** Uses up a frame index for a frame that will not be sent, so the client sees the gap. */
    int skipFrame();

    /** The parity per 100 data shards of the frames laid out from now on. */
    void fecPercent(int percent);

    int fecPercent();

    /**
     * The loss the client's reports show, from any thread: blocks laid out from now on get at least the parity that
     * keeps them whole through it ({@link ParityFloor}).
     */
    void linkLoss(LinkLoss loss);

    LinkLoss linkLoss();

    /** The scheme's id, as negotiated ({@code FecSchemes}). */
    String scheme();
}
