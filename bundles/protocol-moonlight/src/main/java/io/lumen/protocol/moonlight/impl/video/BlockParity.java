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
     * Parity for one block: {@code ceil(data * fec% / 100)}, raised to {@code wanted} (the client's minimum, the
     * {@link ParityFloor}) as far as the percent field can say: with at most 255%, a block of {@code data} shards can
     * carry {@code ceil(2.55 * data)} parity shards, and no more than its room. Raised, the percent is Sunshine's
     * {@code 100 * parity / data} where that maps back to the count, else the least that does; where none does (blocks
     * over 100 shards, where one percent is more than one shard), the next count up that one maps to, else down.
     */
    static BlockParity of(int dataShards, int fecPercent, int wanted) {
        return of(dataShards, fecPercent, wanted, VideoWire.MAX_BLOCK_SHARDS);
    }

    /** The same, for blocks of at most {@code maxBlockShards} data and parity shards. */
    static BlockParity of(int dataShards, int fecPercent, int wanted, int maxBlockShards) {
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
        int most = Math.min(room, clientParity(dataShards, MAX_WIRE_PERCENT));
        int target = Math.min(wanted, most);
        if (target <= parity) {
            return new BlockParity(parity, fecPercent);
        }
        // up from the count wanted first (a minimum is a minimum), then down to the percentage's own
        for (int raised = target; raised <= most; raised++) {
            BlockParity found = mapsBack(dataShards, raised);
            if (found != null) {
                return found;
            }
        }
        for (int raised = target - 1; raised > parity; raised--) {
            BlockParity found = mapsBack(dataShards, raised);
            if (found != null) {
                return found;
            }
        }
        return new BlockParity(parity, fecPercent);
    }

    /** Sunshine's percent for the count where it maps back (what stock clients know), else the least that does. */
    private static BlockParity mapsBack(int dataShards, int parity) {
        int sunshine = Math.min(100 * parity / dataShards, MAX_WIRE_PERCENT);
        int least = Math.max(1, (100 * parity - 99 + dataShards - 1) / dataShards);
        for (int percent : new int[] {sunshine, least}) {
            if (percent >= 1 && percent <= MAX_WIRE_PERCENT && clientParity(dataShards, percent) == parity) {
                return new BlockParity(parity, percent);
            }
        }
        return null;
    }
}
