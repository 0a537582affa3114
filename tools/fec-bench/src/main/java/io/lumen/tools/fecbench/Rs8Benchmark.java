package io.lumen.tools.fecbench;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.gf8.Rs8Codec;
import io.lumen.fec.leopard.impl.gf8.ScalarGf8Kernel;
import io.lumen.fec.leopard.impl.gf8.VectorGf8Kernel;
import org.apache.hadoop.io.erasurecode.ErasureCoderOptions;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawDecoder;
import org.apache.hadoop.io.erasurecode.rawcoder.RSRawEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * GF(2^8) Reed-Solomon, 1408-byte shards (Moonlight's default packet + RTP room), every parity shard's worth
 * of data shards lost: lumen's vector and scalar kernels beside Hadoop's pure-Java RS raw coder.
 */
@State(Scope.Thread)
public class Rs8Benchmark {

    static final int SHARD = 1408;

    @Param({"100+20", "4+2", "200+55"})
    public String shape;

    @Param({"vector", "scalar", "hadoop"})
    public String impl;

    private FecCodec codec;
    private RSRawEncoder hadoopEncoder;
    private RSRawDecoder hadoopDecoder;
    private byte[][] data;
    private byte[][] parity;
    private MemorySegment[] dataSegments;
    private MemorySegment[] paritySegments;
    private MemorySegment[] receivedSegments;
    private boolean[] dataPresent;
    private boolean[] parityPresent;
    private byte[][] hadoopInputs;
    private int[] hadoopErased;
    private byte[][] hadoopOutputs;

    @Setup
    public void setUp() throws IOException {
        BlockShape block = BlockShape.parse(shape);
        int k = block.originals();
        int r = block.recovery();
        data = BlockShape.randomShards(k, SHARD, 1);
        parity = new byte[r][SHARD];
        dataSegments = segments(data);
        paritySegments = segments(parity);
        switch (impl) {
            case "vector" -> codec = Rs8Codec.moonlight(VectorGf8Kernel.INSTANCE);
            case "scalar" -> codec = Rs8Codec.moonlight(ScalarGf8Kernel.INSTANCE);
            case "hadoop" -> {
                ErasureCoderOptions options = new ErasureCoderOptions(k, r);
                hadoopEncoder = new RSRawEncoder(options);
                hadoopDecoder = new RSRawDecoder(options);
            }
            default -> throw new IllegalArgumentException(impl);
        }
        encode();
        dataPresent = BlockShape.losing(k, Math.min(k, r), 2);
        parityPresent = new boolean[r];
        Arrays.fill(parityPresent, true);
        byte[][] received = new byte[k][];
        for (int i = 0; i < k; i++) {
            received[i] = dataPresent[i] ? data[i] : new byte[SHARD];
        }
        receivedSegments = segments(received);
        hadoopErased = java.util.stream.IntStream.range(0, k).filter(i -> !dataPresent[i]).toArray();
        hadoopInputs = new byte[k + r][];
        for (int i = 0; i < k; i++) {
            hadoopInputs[i] = dataPresent[i] ? data[i] : null;
        }
        System.arraycopy(parity, 0, hadoopInputs, k, r);
        hadoopOutputs = new byte[hadoopErased.length][SHARD];
        decode();
        for (int i = 0; i < k; i++) {
            byte[] rebuilt = impl.equals("hadoop") ? null : received[i];
            if (rebuilt != null && !Arrays.equals(rebuilt, data[i])) {
                throw new IllegalStateException(impl + " did not rebuild data shard " + i);
            }
        }
    }

    @Benchmark
    public Object encode() throws IOException {
        if (codec != null) {
            codec.encode(dataSegments, paritySegments);
        } else {
            hadoopEncoder.encode(data, parity);
        }
        return parity;
    }

    @Benchmark
    public Object decode() throws IOException {
        if (codec != null) {
            codec.decode(receivedSegments, dataPresent, paritySegments, parityPresent);
            return receivedSegments;
        }
        hadoopDecoder.decode(hadoopInputs, hadoopErased, hadoopOutputs);
        return hadoopOutputs;
    }

    static MemorySegment[] segments(byte[][] shards) {
        return Arrays.stream(shards).map(MemorySegment::ofArray).toArray(MemorySegment[]::new);
    }
}
