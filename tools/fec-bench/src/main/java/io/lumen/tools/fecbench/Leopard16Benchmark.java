package io.lumen.tools.fecbench;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.gf16.Leopard16Codec;
import io.lumen.fec.leopard.impl.gf16.ScalarGf16Kernel;
import io.lumen.fec.leopard.impl.gf16.VectorGf16Kernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Leopard-RS over GF(2^16), 1 KiB shards. Decodes lose as many originals as there are recovery shards
 * (32768+32768: half originals, half recovery, as in the conformance data); ":fresh" cycles through more erasure
 * patterns than the codec caches, ":repeat" keeps one. Hadoop's coder cannot take more than 255 shards, so the
 * peer here is lumen's own scalar path.
 */
@State(Scope.Thread)
public class Leopard16Benchmark {

    static final int SHARD = 1024;

    @Param({"1000+100:fresh", "100+20:repeat", "32768+32768:fresh"})
    public String shape;

    @Param({"vector", "scalar"})
    public String impl;

    private FecCodec codec;
    private MemorySegment[] originals;
    private MemorySegment[] recovery;
    private MemorySegment[] received;
    private boolean[][] originalPatterns;
    private boolean[][] recoveryPatterns;
    private int next;

    @Setup
    public void setUp() {
        BlockShape block = BlockShape.parse(shape);
        int k = block.originals();
        int r = block.recovery();
        codec = new Leopard16Codec(impl.equals("vector") ? VectorGf16Kernel.INSTANCE : ScalarGf16Kernel.INSTANCE);
        byte[][] data = BlockShape.randomShards(k, SHARD, 1);
        originals = Rs8Benchmark.segments(data);
        recovery = Rs8Benchmark.segments(new byte[r][SHARD]);
        encode();
        int patterns = block.repeatPattern() ? 1 : BlockShape.FRESH_PATTERNS;
        boolean half = r == k;
        originalPatterns = new boolean[patterns][];
        recoveryPatterns = new boolean[patterns][];
        for (int p = 0; p < patterns; p++) {
            originalPatterns[p] = BlockShape.losing(k, half ? r / 2 : r, 10 + p);
            recoveryPatterns[p] = BlockShape.losing(r, half ? r / 2 : 0, 100 + p);
        }
        byte[][] copies = new byte[k][];
        for (int i = 0; i < k; i++) {
            copies[i] = data[i].clone();
        }
        received = Rs8Benchmark.segments(copies);
        for (int p = 0; p < patterns; p++) {
            for (int i = 0; i < k; i++) {
                if (!originalPatterns[p][i]) {
                    received[i].fill((byte) 0);
                }
            }
            decode();
            for (int i = 0; i < k; i++) {
                if (!Arrays.equals(copies[i], data[i])) {
                    throw new IllegalStateException(impl + " did not rebuild original " + i);
                }
            }
        }
    }

    @Benchmark
    public Object encode() {
        codec.encode(originals, recovery);
        return recovery;
    }

    @Benchmark
    public Object decode() {
        int p = next;
        next = p + 1 == originalPatterns.length ? 0 : p + 1;
        codec.decode(received, originalPatterns[p], recovery, recoveryPatterns[p]);
        return received;
    }
}
