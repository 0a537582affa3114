package io.lumen.tools.streambench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * A synthetic stream of access units: P-frames of {@code bitrate / fps} bytes and a keyframe of eight times that
 * every two seconds, as a CBR encoder gives them. The bytes are random behind an Annex-B start code and a NAL
 * header (random so that nothing on the path, FEC or cipher, meets a friendlier input than real video), off-heap
 * like an encoder's output, and the same for every frame of a kind: only sizes and flags matter to the sender.
 *
 * @param name          what the report calls it
 * @param bitrateKbps   the encoder's bitrate, which sizes the sender's default pacing
 * @param pFrameBytes   every frame but the keyframes
 * @param keyframeBytes every {@value #KEYFRAME_INTERVAL}th frame, from the first
 * @param pFrame        the P-frame's bytes
 * @param keyframe      the keyframe's bytes
 */
record Workload(String name, int bitrateKbps, int pFrameBytes, int keyframeBytes, MemorySegment pFrame,
                MemorySegment keyframe) {

    static final int FPS = 60;
    /** Two seconds at 60 fps. */
    static final int KEYFRAME_INTERVAL = 120;
    static final int KEYFRAME_FACTOR = 8;

    /** 1080p60 at {@code mbps}. */
    static Workload ofBitrate(int mbps, Arena arena) {
        int pBytes = (int) (mbps * 1_000_000L / 8 / FPS);
        return new Workload("1080p60 " + mbps + " Mbit/s", mbps * 1000, pBytes, pBytes * KEYFRAME_FACTOR,
                annexB(pBytes, false, arena), annexB(pBytes * KEYFRAME_FACTOR, true, arena));
    }

    /**
     * Every frame as big as a frame can be and still get FEC at this packet size: one byte more and it needs a
     * fifth block, so the sender skips its FEC (the bench checks both sides of the edge). The bitrate is what 60
     * such frames a second would be, which puts the default pacing at its 800 Mbit/s ceiling.
     */
    static Workload largestFecFrame(int packetSize, int fecPercent, Arena arena) {
        int bytes = largestFecFrameBytes(packetSize, fecPercent);
        MemorySegment frame = annexB(bytes, true, arena);
        return new Workload("largest FEC frame, " + bytes + " B", (int) Math.min(Integer.MAX_VALUE,
                (long) bytes * 8 * FPS / 1000), bytes, bytes, frame, frame);
    }

    /**
     * Sunshine's arithmetic (Rs8FramePlan): a block holds {@code 255 * 100 / (100 + fec%)} data shards and a frame
     * at most 4 blocks. Every shard carries {@code packetSize - 16} payload bytes behind its 32-byte header, and
     * the payload is the frame plus its 8-byte short frame header; a partial last shard counts unpadded, so
     * exactly 4 full blocks of full shards is the edge.
     */
    static int largestFecFrameBytes(int packetSize, int fecPercent) {
        int dataShardsPerBlock = 255 * 100 / (100 + fecPercent);
        return 4 * dataShardsPerBlock * (packetSize - 16) - 8;
    }

    boolean keyframe(long frame) {
        return frame % KEYFRAME_INTERVAL == 0;
    }

    MemorySegment data(long frame) {
        return keyframe(frame) ? keyframe : pFrame;
    }

    /** Access unit bytes in one keyframe interval, for sizing runs. */
    long bytesPerInterval() {
        return keyframeBytes + (long) (KEYFRAME_INTERVAL - 1) * pFrameBytes;
    }

    /**
     * Frames carrying about {@code bytes} of access units: whole keyframe intervals, so every run has the same
     * keyframe share, unless one interval is already more than that.
     */
    int framesFor(long bytes) {
        long intervals = Math.round((double) bytes / bytesPerInterval());
        if (intervals >= 1) {
            return (int) (intervals * KEYFRAME_INTERVAL);
        }
        return (int) Math.max(1, Math.round((double) bytes * KEYFRAME_INTERVAL / bytesPerInterval()));
    }

    private static MemorySegment annexB(int size, boolean idr, Arena arena) {
        MemorySegment data = arena.allocate(size);
        SplittableRandom random = new SplittableRandom(size);
        for (long i = 0; i + Long.BYTES <= size; i += Long.BYTES) {
            data.set(ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong());
        }
        byte[] startAndNalHeader = {0, 0, 0, 1, (byte) (idr ? 0x65 : 0x41)};
        MemorySegment.copy(startAndNalHeader, 0, data, ValueLayout.JAVA_BYTE, 0, startAndNalHeader.length);
        return data;
    }
}
