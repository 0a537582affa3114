package io.lumen.protocol.moonlight.impl.video;

/**
 * Where one frame's shards go, whatever the FEC scheme: FEC blocks in send order, each block's data shards
 * followed by its parity shards.
 */
interface FrameLayout {

    int blocks();

    int dataShards(int block);

    int parityShards(int block);

    /** False when the frame cannot be put on the wire at all (too many shards for the scheme's header). */
    boolean sendable();

    /** The frame goes with less parity than the FEC percentage asks, because the scheme cannot carry more. */
    boolean fecSkipped();

    default int blockShards(int block) {
        return dataShards(block) + parityShards(block);
    }

    /** Index, in send order, of the block's first data shard. */
    default int firstShard(int block) {
        int first = 0;
        for (int b = 0; b < block; b++) {
            first += blockShards(b);
        }
        return first;
    }

    default int totalShards() {
        return firstShard(blocks());
    }

    default int totalDataShards() {
        int total = 0;
        for (int b = 0; b < blocks(); b++) {
            total += dataShards(b);
        }
        return total;
    }

    default int totalParityShards() {
        return totalShards() - totalDataShards();
    }
}
