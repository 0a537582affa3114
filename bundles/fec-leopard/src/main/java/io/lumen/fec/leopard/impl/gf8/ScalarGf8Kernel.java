package io.lumen.fec.leopard.impl.gf8;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Byte at a time through the 64 KiB product table: the reference, and the path without the Vector API. */
public final class ScalarGf8Kernel implements Gf8Kernel {

    public static final ScalarGf8Kernel INSTANCE = new ScalarGf8Kernel();

    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

    private ScalarGf8Kernel() {
    }

    @Override
    public void multiply(byte[] coefficients, int rows, int inputCount, MemorySegment[] inputs,
                         MemorySegment[] outputs, long length) {
        for (int r = 0; r < rows; r++) {
            multiplyRow(coefficients, r * inputCount, inputCount, inputs, outputs[r], 0, length);
        }
    }

    /** One output row over bytes {@code [from, to)}; the vector kernel finishes its tails with this. */
    static void multiplyRow(byte[] coefficients, int rowOffset, int inputCount, MemorySegment[] inputs,
                            MemorySegment output, long from, long to) {
        byte[] mul = Gf8.mulTable();
        long words = from + (to - from) / 8 * 8;
        for (int c = 0; c < inputCount; c++) {
            int row = (coefficients[rowOffset + c] & 0xFF) << 8;
            MemorySegment input = inputs[c];
            for (long b = from; b < words; b += 8) { // eight products per access: segment reads are not free
                long in = input.get(WORD, b);
                long product = 0;
                for (int shift = 0; shift < 64; shift += 8) {
                    product |= (mul[row | (int) (in >>> shift) & 0xFF] & 0xFFL) << shift;
                }
                output.set(WORD, b, c == 0 ? product : output.get(WORD, b) ^ product);
            }
            for (long b = words; b < to; b++) {
                byte product = mul[row | (input.get(BYTE, b) & 0xFF)];
                output.set(BYTE, b, c == 0 ? product : (byte) (output.get(BYTE, b) ^ product));
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
