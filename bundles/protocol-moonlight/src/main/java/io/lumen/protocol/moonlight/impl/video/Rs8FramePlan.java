package io.lumen.protocol.moonlight.impl.video;

/**
 * How one frame becomes shards, with Sunshine's arithmetic (videoBroadcastThread): the 8-byte short frame header
 * and the Annex-B bytes are cut into {@code packetSize - 16}-byte slices, each behind a 32-byte header slot
 * ({@code concat_and_insert}); the result is split evenly, shard-aligned, into as few FEC blocks as keep every
 * block's parity inside 255 shards (the codec's limit). A frame needing more than 4 blocks goes in 4 blocks without FEC. Shards go
 * out block by block, each block's data shards followed by its parity shards.
 *
 * @param payloadBytes      frame header + Annex-B bytes
 * @param lastPayloadLength payload bytes in the frame's last data shard (the short header's lastPayloadLen)
 * @param dataShards        per block
 * @param parity            per block
 * @param fecSkipped        the frame was too big for 4 FEC blocks, so it goes without parity
 * @param sendable          false when a block would have more than 1023 data shards, which fecInfo cannot address
 */
record Rs8FramePlan(int payloadBytes, int lastPayloadLength, int blocks, int[] dataShards, BlockParity[] parity,
                    boolean fecSkipped, boolean sendable) implements FrameLayout {

    /** The plan for {@code frameBytes} of Annex-B at the stream's packet size and FEC settings. */
    static Rs8FramePlan of(int frameBytes, int packetSize, int fecPercent, int minParity) {
        return of(frameBytes, packetSize, fecPercent, minParity, ParityFloor.of(LinkLoss.NONE),
                VideoWire.MAX_BLOCK_SHARDS);
    }

    /**
     * The plan with blocks of at most {@code maxBlockShards} data and parity shards (the codec's limit, which is
     * the client's too: nanors decodes at most 255), each raised to the parity {@code floor} asks for its size.
     */
    static Rs8FramePlan of(int frameBytes, int packetSize, int fecPercent, int minParity, ParityFloor floor,
                           int maxBlockShards) {
        int slice = packetSize - VideoWire.RTP_HEADER_BYTES;
        long shardBytes = packetSize + VideoWire.RTP_HEADER_BYTES;
        long payload = (long) frameBytes + VideoWire.FRAME_HEADER_BYTES;
        int lastPayload = (int) (payload % slice);
        if (lastPayload == 0) {
            lastPayload = slice;
        }
        long totalData = ceilDiv(payload, slice);
        long withHeaders = totalData * VideoWire.HEADER_BYTES + payload; // the last shard unpadded, as Sunshine counts

        int percent = fecPercent;
        long perBlock = (long) BlockParity.maxDataShards(percent, maxBlockShards) * shardBytes;
        long blocks = ceilDiv(withHeaders, perBlock);
        boolean fecSkipped = false;
        if (blocks > VideoWire.MAX_FEC_BLOCKS) {
            fecSkipped = percent != 0;
            percent = 0;
            blocks = VideoWire.MAX_FEC_BLOCKS;
        }
        long alignedShards = ceilDiv(withHeaders / blocks, shardBytes);
        int[] data = new int[(int) blocks];
        BlockParity[] parity = new BlockParity[(int) blocks];
        boolean sendable = true;
        for (int b = 0; b < blocks; b++) {
            long count = b == blocks - 1 ? totalData - b * alignedShards : alignedShards;
            if (count < 1 || count > VideoWire.MAX_BLOCK_INDEX_SHARDS) {
                sendable = false;
                count = Math.clamp(count, 0, VideoWire.MAX_BLOCK_INDEX_SHARDS);
            }
            data[b] = (int) count;
            parity[b] = sendable && percent > 0
                    ? BlockParity.of(data[b], percent, Math.max(minParity, floor.needed(data[b])), maxBlockShards)
                    : BlockParity.NONE;
        }
        return new Rs8FramePlan((int) Math.min(payload, Integer.MAX_VALUE), lastPayload, (int) blocks, data, parity,
                fecSkipped, sendable);
    }

    @Override
    public int dataShards(int block) {
        return dataShards[block];
    }

    @Override
    public int parityShards(int block) {
        return parity[block].shards();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
