package io.lumen.api.fec;

/**
 * What a code can do.
 *
 * @param maxTotalShards     originals + recovery shards in one block
 * @param shardSizeMultiple  shard sizes must be a multiple of this (1 for any size)
 */
public record FecLimits(int maxOriginalShards, int maxRecoveryShards, int maxTotalShards, int shardSizeMultiple) {
}
