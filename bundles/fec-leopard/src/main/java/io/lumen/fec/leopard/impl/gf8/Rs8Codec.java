package io.lumen.fec.leopard.impl.gf8;

import io.lumen.api.fec.FecCodec;
import io.lumen.api.fec.FecLimits;
import io.lumen.fec.leopard.impl.shard.ErasureCache;
import io.lumen.fec.leopard.impl.shard.ScratchPool;
import io.lumen.fec.leopard.impl.shard.ShardChecks;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;

/**
 * Moonlight's GF(2^8) Reed-Solomon: parity byte-identical to nanors, which every Moonlight client decodes
 * with. Encoding and decoding are both one pass of {@link Gf8Kernel#multiply}; decoding first looks its
 * pattern's matrix up in a cache.
 */
public final class Rs8Codec implements FecCodec {

    private static final int MAX_SHARDS = 255;

    private final String id;
    private final FecLimits limits;
    private final Gf8Kernel kernel;
    private final ParityMatrix matrix;
    private final AtomicReferenceArray<byte[]> parityRows = new AtomicReferenceArray<>(256 * 256);
    private final ErasureCache<DecodePlan> plans = new ErasureCache<>(16);
    private final BiFunction<boolean[], boolean[], DecodePlan> planner = this::plan;
    private final ScratchPool<MemorySegment[][]> scratch = new ScratchPool<>(4,
            () -> new MemorySegment[][] {new MemorySegment[MAX_SHARDS], new MemorySegment[MAX_SHARDS]});

    private Rs8Codec(String id, FecLimits limits, Gf8Kernel kernel, ParityMatrix matrix) {
        this.id = id;
        this.limits = limits;
        this.kernel = kernel;
        this.matrix = matrix;
    }

    /** Video FEC: any data + parity up to 255 shards, any shard length. */
    public static Rs8Codec moonlight(Gf8Kernel kernel) {
        return new Rs8Codec("rs8-moonlight", new FecLimits(254, 254, MAX_SHARDS, 1), kernel, ParityMatrix::cauchy);
    }

    /** Audio FEC: exactly 4 data + 2 parity with the fixed audio matrix. */
    public static Rs8Codec moonlightAudio(Gf8Kernel kernel) {
        return new Rs8Codec("rs8-moonlight-audio", new FecLimits(4, 2, 6, 1), kernel, ParityMatrix::audio);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public FecLimits limits() {
        return limits;
    }

    @Override
    public void encode(MemorySegment[] originals, MemorySegment[] recovery) {
        long size = ShardChecks.forEncode(id, limits, originals, recovery);
        byte[] rows = parityRows(originals.length, recovery.length);
        kernel.multiply(rows, recovery.length, originals.length, originals, recovery, size);
    }

    @Override
    public void decode(MemorySegment[] originals, boolean[] originalPresent, MemorySegment[] recovery,
                       boolean[] recoveryPresent) {
        long size = ShardChecks.forDecode(id, limits, originals, originalPresent, recovery, recoveryPresent);
        parityRows(originals.length, recovery.length); // the audio code refuses any shape but 4 + 2 here
        DecodePlan plan = plans.get(originalPresent, recoveryPresent, planner);
        int lost = plan.lost().length;
        if (lost == 0) {
            return;
        }
        MemorySegment[][] arrays = scratch.acquire();
        MemorySegment[] inputs = arrays[0];
        MemorySegment[] outputs = arrays[1];
        try {
            int n = 0;
            for (int index : plan.presentData()) {
                inputs[n++] = originals[index];
            }
            for (int index : plan.parityUsed()) {
                inputs[n++] = recovery[index];
            }
            for (int b = 0; b < lost; b++) {
                outputs[b] = originals[plan.lost()[b]];
            }
            kernel.multiply(plan.coefficients(), lost, originals.length, inputs, outputs, size);
        } finally {
            Arrays.fill(inputs, 0, originals.length, null);
            Arrays.fill(outputs, 0, lost, null);
            scratch.release(arrays);
        }
    }

    private DecodePlan plan(boolean[] originalPresent, boolean[] recoveryPresent) {
        return DecodePlan.build(parityRows(originalPresent.length, recoveryPresent.length), originalPresent,
                recoveryPresent);
    }

    private byte[] parityRows(int dataShards, int parityShards) {
        int key = dataShards << 8 | parityShards;
        byte[] rows = parityRows.get(key);
        if (rows == null) {
            rows = matrix.rows(dataShards, parityShards);
            parityRows.set(key, rows);
        }
        return rows;
    }

    @Override
    public String toString() {
        return id + " (" + kernel.name() + ")";
    }
}
