package io.lumen.testkit.moonlight;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks every rs8-moonlight FEC block against the parity count the client derives from its header,
 * {@code (data * percent + 99) / 100}: the host decides a block's parity only through the percentage it writes, so a
 * shard indexed beyond that count, shards of one block disagreeing on its shape, or a block whose data shards all
 * reached the socket with other than that many parity shards are mismatches. It sees every shard that reached the
 * socket, those the loss injection then drops included. A block is judged once shards of a frame two later arrive
 * (room for a little reordering), so the newest blocks are not judged yet. Not thread-safe.
 */
final class ParityAudit {

    private static final int FINDINGS_KEPT = 16;

    private final Map<Long, SeenBlock> open = new HashMap<>();
    private final List<String> findings = new ArrayList<>();
    private int newestFrame;
    private boolean started;
    long blocksAudited;
    long mismatches;

    void see(VideoShardHeader header) {
        if (header.dataShards() == 0) {
            return; // refused by the reassembly anyway; no block to speak of
        }
        long key = Integer.toUnsignedLong(header.frameIndex()) << 2 | header.blockIndex();
        SeenBlock block = open.computeIfAbsent(key, k -> new SeenBlock(header));
        block.add(header);
        if (!started || header.frameIndex() - newestFrame > 0) {
            started = true;
            newestFrame = header.frameIndex();
            judgeOlderThan(newestFrame - 1);
        }
    }

    /** Up to 16 descriptions of the first mismatches, for a failing test's message. */
    List<String> findings() {
        return List.copyOf(findings);
    }

    private void judgeOlderThan(int frame) {
        for (Iterator<SeenBlock> it = open.values().iterator(); it.hasNext(); ) {
            SeenBlock block = it.next();
            if (block.frameIndex - frame < 0) {
                it.remove();
                judge(block);
            }
        }
    }

    private void judge(SeenBlock block) {
        blocksAudited++;
        String finding = block.mismatch();
        if (finding != null) {
            mismatches++;
            if (findings.size() < FINDINGS_KEPT) {
                findings.add("frame " + Integer.toUnsignedString(block.frameIndex) + " block " + block.blockIndex
                        + ": " + finding);
            }
        }
    }

    /** The shards of one block seen at the socket. */
    private static final class SeenBlock {
        final int frameIndex;
        final int blockIndex;
        final int dataShards;
        final int fecPercent;
        final int parityShards;
        final BitSet indexes = new BitSet();
        int highestBeyond = -1;
        boolean shapesDisagree;

        SeenBlock(VideoShardHeader first) {
            this.frameIndex = first.frameIndex();
            this.blockIndex = first.blockIndex();
            this.dataShards = first.dataShards();
            this.fecPercent = first.fecPercent();
            this.parityShards = first.parityShards();
        }

        void add(VideoShardHeader header) {
            if (header.dataShards() != dataShards || header.fecPercent() != fecPercent) {
                shapesDisagree = true;
            }
            if (header.fecIndex() >= dataShards + parityShards) {
                highestBeyond = Math.max(highestBeyond, header.fecIndex());
            } else {
                indexes.set(header.fecIndex());
            }
        }

        String mismatch() {
            String shape = dataShards + " data at " + fecPercent + "% = " + parityShards + " parity";
            if (shapesDisagree) {
                return "shards disagree on the block's shape (first said " + shape + ")";
            }
            if (highestBeyond >= 0) {
                return "parity index " + (highestBeyond - dataShards) + " beyond " + shape;
            }
            int data = indexes.get(0, dataShards).cardinality();
            int parity = indexes.get(dataShards, dataShards + parityShards).cardinality();
            if (data == dataShards && parity != parityShards) {
                return parity + " parity shards arrived with every data shard, " + shape;
            }
            return null;
        }
    }
}
