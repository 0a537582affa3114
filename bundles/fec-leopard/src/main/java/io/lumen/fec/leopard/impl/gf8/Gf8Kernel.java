package io.lumen.fec.leopard.impl.gf8;

import java.lang.foreign.MemorySegment;

/**
 * The one operation both GF(2^8) encoding and decoding reduce to: a matrix of constants times a column of
 * shards. Implementations differ only in speed; their bytes are identical.
 */
public interface Gf8Kernel {

    /**
     * {@code outputs[r] = XOR over c of coefficients[r * inputCount + c] * inputs[c]} for {@code r < rows},
     * over the first {@code length} bytes of every shard. Outputs are overwritten.
     */
    void multiply(byte[] coefficients, int rows, int inputCount, MemorySegment[] inputs, MemorySegment[] outputs,
                  long length);

    String name();
}
