package io.lumen.fec.leopard.impl.shard;

import io.lumen.api.fec.FecLimits;

import java.lang.foreign.MemorySegment;

/**
 * The argument checks every codec makes before touching a byte, so bad input is an
 * {@link IllegalArgumentException} that says what is wrong, never a wrong answer or a crash.
 */
public final class ShardChecks {

    private ShardChecks() {
    }

    /** Checks counts and sizes for an encode; returns the shard size. */
    public static long forEncode(String codec, FecLimits limits, MemorySegment[] originals, MemorySegment[] recovery) {
        counts(codec, limits, originals, recovery);
        long size = shardSize(codec, limits, originals);
        sameSize(codec, recovery, null, "recovery", size);
        writable(codec, recovery);
        return size;
    }

    /** Checks counts, flags and sizes for a decode; returns the shard size. Absent shards may be null. */
    public static long forDecode(String codec, FecLimits limits, MemorySegment[] originals, boolean[] originalPresent,
                                 MemorySegment[] recovery, boolean[] recoveryPresent) {
        counts(codec, limits, originals, recovery);
        if (originalPresent == null || originalPresent.length != originals.length) {
            throw new IllegalArgumentException(codec + ": originalPresent must have one flag per original ("
                    + originals.length + ")");
        }
        if (recoveryPresent == null || recoveryPresent.length != recovery.length) {
            throw new IllegalArgumentException(codec + ": recoveryPresent must have one flag per recovery shard ("
                    + recovery.length + ")");
        }
        for (int i = 0; i < originals.length; i++) {
            if (originals[i] == null) {
                throw new IllegalArgumentException(codec + ": original " + i + " is null (a lost original needs a"
                        + " buffer to be rebuilt into)");
            }
        }
        long size = shardSize(codec, limits, originals);
        sameSize(codec, recovery, recoveryPresent, "recovery", size);
        int lost = 0;
        int received = 0;
        for (boolean present : originalPresent) {
            lost += present ? 0 : 1;
        }
        for (boolean present : recoveryPresent) {
            received += present ? 1 : 0;
        }
        if (lost > received) {
            throw new IllegalArgumentException(codec + ": " + lost + " originals lost but only " + received
                    + " recovery shards present: not recoverable");
        }
        for (int i = 0; i < originals.length; i++) {
            if (!originalPresent[i] && originals[i].isReadOnly()) {
                throw new IllegalArgumentException(codec + ": original " + i + " is lost but its buffer is read-only");
            }
        }
        return size;
    }

    private static void counts(String codec, FecLimits limits, MemorySegment[] originals, MemorySegment[] recovery) {
        if (originals == null || recovery == null) {
            throw new IllegalArgumentException(codec + ": shard arrays must not be null");
        }
        int k = originals.length;
        int r = recovery.length;
        if (k < 1 || k > limits.maxOriginalShards()) {
            throw new IllegalArgumentException(codec + ": " + k + " originals, must be 1.." + limits.maxOriginalShards());
        }
        if (r < 1 || r > limits.maxRecoveryShards()) {
            throw new IllegalArgumentException(codec + ": " + r + " recovery shards, must be 1.."
                    + limits.maxRecoveryShards());
        }
        if (k + r > limits.maxTotalShards()) {
            throw new IllegalArgumentException(codec + ": " + k + " + " + r + " shards, at most "
                    + limits.maxTotalShards() + " in one block");
        }
    }

    /** The size of the first original, checked against the limits and every other original. */
    private static long shardSize(String codec, FecLimits limits, MemorySegment[] originals) {
        if (originals[0] == null) {
            throw new IllegalArgumentException(codec + ": original 0 is null");
        }
        long size = originals[0].byteSize();
        if (size <= 0 || size % limits.shardSizeMultiple() != 0) {
            throw new IllegalArgumentException(codec + ": shard size " + size + " bytes, must be a positive multiple of "
                    + limits.shardSizeMultiple());
        }
        sameSize(codec, originals, null, "original", size);
        return size;
    }

    private static void sameSize(String codec, MemorySegment[] shards, boolean[] present, String kind, long size) {
        for (int i = 0; i < shards.length; i++) {
            if (present != null && !present[i]) {
                continue;
            }
            if (shards[i] == null) {
                throw new IllegalArgumentException(codec + ": " + kind + " " + i + " is null");
            }
            if (shards[i].byteSize() != size) {
                throw new IllegalArgumentException(codec + ": " + kind + " " + i + " is " + shards[i].byteSize()
                        + " bytes, the shards are " + size);
            }
        }
    }

    private static void writable(String codec, MemorySegment[] recovery) {
        for (int i = 0; i < recovery.length; i++) {
            if (recovery[i].isReadOnly()) {
                throw new IllegalArgumentException(codec + ": recovery " + i + " is read-only");
            }
        }
    }

    /** Smallest power of two at or above {@code n} (n >= 1). */
    public static int nextPow2(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
