package io.lumen.api.fec;

/**
 * What a code can do: which blocks it takes and which shard sizes.
 *
 * @param maxTotalShards     originals + recovery shards in one block
 * @param shardSizeMultiple  shard sizes must be a multiple of this (1 for any size)
 * @param shape              any further rule a block's counts must follow
 */
public record FecLimits(int maxOriginalShards, int maxRecoveryShards, int maxTotalShards, int shardSizeMultiple,
                        Shape shape) {

    /** The rule, beyond the maximums, that a block's shard counts follow. */
    public enum Shape {
        /** Any counts within the maximums (a Cauchy matrix code). */
        ANY,
        /**
         * An FFT code such as Leopard: at most as many recovery shards as originals, and the recovery count rounded
         * up to a power of two still fits beside the originals in {@code maxTotalShards}.
         */
        RECOVERY_POWER_OF_TWO
    }

    public FecLimits {
        if (maxOriginalShards < 1 || maxRecoveryShards < 1 || maxTotalShards < 2 || shardSizeMultiple < 1
                || shape == null) {
            throw new IllegalArgumentException("FEC limits must be positive and name a shape");
        }
    }

    /** Limits of a code that takes any counts within the maximums. */
    public FecLimits(int maxOriginalShards, int maxRecoveryShards, int maxTotalShards, int shardSizeMultiple) {
        this(maxOriginalShards, maxRecoveryShards, maxTotalShards, shardSizeMultiple, Shape.ANY);
    }

    /** Whether one block of {@code originals} and {@code recovery} shards (both at least 1) can be coded. */
    public boolean fits(int originals, int recovery) {
        if (originals < 1 || recovery < 1 || originals > maxOriginalShards || recovery > maxRecoveryShards) {
            return false;
        }
        return switch (shape) {
            case ANY -> (long) originals + recovery <= maxTotalShards;
            case RECOVERY_POWER_OF_TWO -> recovery <= originals
                    && (long) originals + nextPowerOfTwo(recovery) <= maxTotalShards;
        };
    }

    /** The most recovery shards a block of {@code originals} can carry; 0 when such a block cannot be coded. */
    public int maxRecoveryFor(int originals) {
        if (originals < 1 || originals > maxOriginalShards) {
            return 0;
        }
        int most = (int) Math.min(maxRecoveryShards, (long) maxTotalShards - originals);
        if (shape == Shape.RECOVERY_POWER_OF_TWO) {
            most = Math.min(most, originals);
            if (most >= 1 && !fits(originals, most)) {
                most = Integer.highestOneBit(most); // the largest power of two under the room left
            }
        }
        return Math.max(most, 0);
    }

    private static long nextPowerOfTwo(int n) {
        return n <= 1 ? 1 : Long.highestOneBit(n - 1L) << 1;
    }
}
