package io.lumen.protocol.moonlight.impl.video;

/**
 * How many parity shards one FEC block carries, and the percent written into its fecInfo. The client never sees
 * the parity count: it recomputes it as {@code (data * percent + 99) / 100} (RtpVideoQueue.c), so the percent
 * sent must give back exactly the count sent, or the client waits for shards that never come.
 *
 * @param shards      parity shards in the block
 * @param wirePercent the percent the client derives {@code shards} from (0 when there is no parity)
 */
record BlockParity(int shards, int wirePercent) {

    static final BlockParity NONE = new BlockParity(0, 0);

    /** The most the 8-bit percent field holds. */
    static final int MAX_WIRE_PERCENT = 255;

    /** The client's rule: parity shards implied by a data count and a percent. */
    static int clientParity(int dataShards, int percent) {
        return (dataShards * percent + 99) / 100;
    }

    /**
     * Sunshine's {@code (255 * 100) / (100 + fec%)}: the largest data count whose parity still fits the 255 shards
     * of one GF(2^8) block.
     */
    static int maxDataShards(int fecPercent) {
        return maxDataShards(fecPercent, VideoWire.MAX_BLOCK_SHARDS);
    }

    static int maxDataShards(int fecPercent, int maxBlockShards) {
        return maxBlockShards * 100 / (100 + fecPercent);
    }

    /**
     * Parity for one block: {@code ceil(data * fec% / 100)}, raised to the client's minimum. Raised, the percent
     * becomes Sunshine's {@code 100 * parity / data}; that maps back to the same count whenever data is at most
     * 100, which covers every block a minimum of 2 can raise. For bigger minimums the next counts are tried until
     * one has a percent that maps back; none left, the block keeps its unraised parity.
     */
    static BlockParity of(int dataShards, int fecPercent, int minParity) {
        return of(dataShards, fecPercent, minParity, VideoWire.MAX_BLOCK_SHARDS);
    }

    /** The same, for blocks of at most {@code maxBlockShards} data and parity shards. */
    static BlockParity of(int dataShards, int fecPercent, int minParity, int maxBlockShards) {
        if (dataShards < 1 || fecPercent < 0 || fecPercent > MAX_WIRE_PERCENT) {
            throw new IllegalArgumentException("no FEC block of " + dataShards + " data shards at " + fecPercent + "%");
        }
        if (fecPercent == 0) {
            return NONE;
        }
        int parity = clientParity(dataShards, fecPercent);
        int room = maxBlockShards - dataShards;
        if (parity > room) {
            throw new IllegalArgumentException(dataShards + " data shards at " + fecPercent + "% need " + parity
                    + " parity shards: more than one block holds (at most " + maxDataShards(fecPercent, maxBlockShards) + " data)");
        }
        if (parity >= minParity) {
            return new BlockParity(parity, fecPercent);
        }
        for (int raised = Math.min(minParity, room); raised <= room; raised++) {
            int percent = Math.min(100 * raised / dataShards, MAX_WIRE_PERCENT);
            if (percent >= 1 && clientParity(dataShards, percent) == raised) {
                return new BlockParity(raised, percent);
            }
        }
        return new BlockParity(parity, fecPercent);
    }
}
