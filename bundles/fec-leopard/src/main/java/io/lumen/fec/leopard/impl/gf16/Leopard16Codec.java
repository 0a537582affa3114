package io.lumen.fec.leopard.impl.gf16;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecLimits;
import io.lumen.fec.leopard.impl.shard.ErasureCache;
import io.lumen.fec.leopard.impl.shard.ScratchPool;
import io.lumen.fec.leopard.impl.shard.ShardChecks;
import io.lumen.fec.leopard.impl.shard.Workspace;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * Leopard-RS over GF(2^16), byte-identical to catid/leopard's 16-bit path: O(n log n) encode and decode, up
 * to 65536 shards in a block (k originals + NextPow2(r) <= 65536, 1 <= r <= k), shards a multiple of 64 bytes.
 */
public final class Leopard16Codec implements FecCodec {

    public static final String ID = "leopard16";
    /** Workspace shards are Java arrays. */
    private static final int MAX_SHARD_BYTES = Integer.MAX_VALUE - 64 - (Integer.MAX_VALUE - 64) % 64;
    private static final FecLimits LIMITS = new FecLimits(Gf16.ORDER - 1, Gf16.ORDER / 2, Gf16.ORDER, 64,
            FecLimits.Shape.RECOVERY_POWER_OF_TWO);

    private final Gf16Kernel kernel;
    private final ErasureCache<ErrorLocator> locators = new ErasureCache<>(8);
    private final BiFunction<boolean[], boolean[], ErrorLocator> locate = Leopard16Codec::locate;
    private final ScratchPool<Workspace> workspaces = new ScratchPool<>(4, Workspace::new);

    public Leopard16Codec(Gf16Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public FecLimits limits() {
        return LIMITS;
    }

    @Override
    public void encode(MemorySegment[] originals, MemorySegment[] recovery) {
        int size = shardBytes(ShardChecks.forEncode(ID, LIMITS, originals, recovery));
        checkShape(originals.length, recovery.length);
        int k = originals.length;
        int m = ShardChecks.nextPow2(recovery.length);
        Workspace workspace = workspaces.acquire();
        try {
            // shards [0, m) accumulate the transform; [m, 2m) take each further chunk of m originals
            byte[][] work = workspace.ensure(2 * m, size);
            int loaded = loadChunk(work, 0, originals, 0, m, size);
            AdditiveFft.inverse(kernel, work, 0, m, size, m - 1, loaded);
            for (int first = m; first < k; first += m) {
                loaded = loadChunk(work, m, originals, first, m, size);
                AdditiveFft.inverse(kernel, work, m, m, size, m - 1 + first, loaded);
                for (int j = 0; j < m; j++) {
                    kernel.xor(work[j], work[m + j], size);
                }
            }
            AdditiveFft.forward(kernel, work, 0, m, size, -1, null, recovery.length);
            for (int j = 0; j < recovery.length; j++) {
                MemorySegment.copy(work[j], 0, recovery[j], ValueLayout.JAVA_BYTE, 0, size);
            }
        } finally {
            workspaces.release(workspace);
        }
    }

    @Override
    public void decode(MemorySegment[] originals, boolean[] originalPresent, MemorySegment[] recovery,
                       boolean[] recoveryPresent) {
        int size = shardBytes(ShardChecks.forDecode(ID, LIMITS, originals, originalPresent, recovery,
                recoveryPresent));
        int k = originals.length;
        int r = recovery.length;
        checkShape(k, r);
        if (allPresent(originalPresent)) {
            return;
        }
        int m = ShardChecks.nextPow2(r);
        int n = ShardChecks.nextPow2(m + k);
        ErrorLocator locator = locators.get(originalPresent, recoveryPresent, locate);
        char[] logs = locator.logs();
        Workspace workspace = workspaces.acquire();
        try {
            byte[][] work = workspace.ensure(n, size);
            for (int i = 0; i < r; i++) {
                place(work[i], recoveryPresent[i] ? recovery[i] : null, logs[i], size);
            }
            for (int i = r; i < m; i++) {
                Arrays.fill(work[i], (byte) 0);
            }
            for (int i = 0; i < k; i++) {
                place(work[m + i], originalPresent[i] ? originals[i] : null, logs[m + i], size);
            }
            for (int i = m + k; i < n; i++) {
                Arrays.fill(work[i], (byte) 0);
            }
            AdditiveFft.inverse(kernel, work, 0, n, size, -1, m + k);
            AdditiveFft.formalDerivative(kernel, work, n, size);
            int[] lost = locator.lostPositions();
            AdditiveFft.forward(kernel, work, 0, n, size, -1, lost, lost.length);
            for (int position : lost) {
                kernel.multiply(work[position], size, Gf16.MODULUS - logs[position]);
                MemorySegment.copy(work[position], 0, originals[position - m], ValueLayout.JAVA_BYTE, 0, size);
            }
        } finally {
            workspaces.release(workspace);
        }
    }

    /** A received shard scaled by its locator log into the workspace, or zeros for a lost one. */
    private void place(byte[] slot, MemorySegment shard, int log, int size) {
        if (shard == null) {
            Arrays.fill(slot, (byte) 0);
        } else {
            MemorySegment.copy(shard, ValueLayout.JAVA_BYTE, 0, slot, 0, size);
            kernel.multiply(slot, size, log);
        }
    }

    /** Copies up to m originals from {@code first} to shard {@code base}, zero-pads to m; returns the count. */
    private static int loadChunk(byte[][] work, int base, MemorySegment[] originals, int first, int m, int size) {
        int count = Math.min(m, originals.length - first);
        for (int i = 0; i < count; i++) {
            MemorySegment.copy(originals[first + i], ValueLayout.JAVA_BYTE, 0, work[base + i], 0, size);
        }
        for (int i = count; i < m; i++) {
            Arrays.fill(work[base + i], (byte) 0);
        }
        return count;
    }

    private static int shardBytes(long size) {
        if (size > MAX_SHARD_BYTES) {
            throw new IllegalArgumentException(ID + ": shards of " + size + " bytes, at most " + MAX_SHARD_BYTES);
        }
        return (int) size;
    }

    private static boolean allPresent(boolean[] flags) {
        for (boolean flag : flags) {
            if (!flag) {
                return false;
            }
        }
        return true;
    }

    private static void checkShape(int k, int r) {
        if (r > k) {
            throw new IllegalArgumentException(ID + ": " + r + " recovery shards for " + k
                    + " originals: Leopard needs recovery <= originals");
        }
        if (ShardChecks.nextPow2(r) + k > Gf16.ORDER) {
            throw new IllegalArgumentException(ID + ": NextPow2(" + r + ") + " + k + " exceeds " + Gf16.ORDER
                    + " shards");
        }
    }

    private static ErrorLocator locate(boolean[] originalPresent, boolean[] recoveryPresent) {
        return ErrorLocator.build(originalPresent, recoveryPresent, ShardChecks.nextPow2(recoveryPresent.length));
    }

    @Override
    public String toString() {
        return ID + " (" + kernel.name() + ")";
    }
}
