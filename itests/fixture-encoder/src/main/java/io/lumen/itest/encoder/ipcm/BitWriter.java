package io.lumen.itest.encoder.ipcm;

import java.io.ByteArrayOutputStream;

/** An H.264 RBSP writer: fixed-width fields and Exp-Golomb codes, most significant bit first. */
final class BitWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int current;
    private int filled;

    void bits(long value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            bit((int) (value >>> i) & 1);
        }
    }

    void bit(int b) {
        current = (current << 1) | b;
        if (++filled == 8) {
            bytes.write(current);
            current = 0;
            filled = 0;
        }
    }

    /** ue(v) */
    void ue(int value) {
        int coded = value + 1;
        int length = 32 - Integer.numberOfLeadingZeros(coded);
        bits(0, length - 1);
        bits(coded, length);
    }

    /** se(v) */
    void se(int value) {
        ue(value > 0 ? 2 * value - 1 : -2 * value);
    }

    boolean aligned() {
        return filled == 0;
    }

    /** Whole bytes, written only when aligned (PCM samples). */
    void bytes(byte[] data, int offset, int length) {
        if (!aligned()) {
            throw new IllegalStateException("PCM samples must start byte-aligned");
        }
        bytes.write(data, offset, length);
    }

    /** rbsp_trailing_bits: a stop bit, then zeros to the byte boundary. */
    byte[] finish() {
        bit(1);
        while (!aligned()) {
            bit(0);
        }
        return bytes.toByteArray();
    }
}
