package io.lumen.encode.x264.impl.ffm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads the message types of one H.264 SEI NAL unit (start code included, as x264 writes them in Annex-B form):
 * the recovery point message (type 6) is how x264 marks the first picture of a wave of intra refresh.
 */
final class SeiMessages {

    static final int RECOVERY_POINT = 6;

    private SeiMessages() {
    }

    /** Whether the SEI NAL unit {@code nal} carries a recovery point message; false for anything malformed. */
    static boolean hasRecoveryPoint(MemorySegment nal) {
        byte[] bytes = nal.toArray(ValueLayout.JAVA_BYTE);
        int at = 0;
        while (at + 2 < bytes.length && !(bytes[at] == 0 && bytes[at + 1] == 0 && bytes[at + 2] == 1)) {
            at++;
        }
        at += 3; // the start code
        if (at >= bytes.length || (bytes[at] & 0x1f) != X264Layouts.NAL_SEI) {
            return false;
        }
        byte[] rbsp = unescape(bytes, at + 1);
        int read = 0;
        // each message: type and size as runs of 0xFF plus a last byte, then the payload; 0x80 ends the RBSP
        while (read < rbsp.length && (rbsp[read] & 0xff) != 0x80) {
            int type = 0;
            while (read < rbsp.length && (rbsp[read] & 0xff) == 0xff) {
                type += 255;
                read++;
            }
            if (read >= rbsp.length) {
                return false;
            }
            type += rbsp[read++] & 0xff;
            int size = 0;
            while (read < rbsp.length && (rbsp[read] & 0xff) == 0xff) {
                size += 255;
                read++;
            }
            if (read >= rbsp.length) {
                return false;
            }
            size += rbsp[read++] & 0xff;
            if (type == RECOVERY_POINT) {
                return true;
            }
            read += size;
        }
        return false;
    }

    /** The bytes from {@code from} on without the emulation-prevention bytes (00 00 03 -> 00 00). */
    private static byte[] unescape(byte[] bytes, int from) {
        byte[] out = new byte[Math.max(0, bytes.length - from)];
        int length = 0;
        int zeros = 0;
        for (int i = from; i < bytes.length; i++) {
            if (zeros >= 2 && bytes[i] == 3) {
                zeros = 0;
                continue;
            }
            zeros = bytes[i] == 0 ? zeros + 1 : 0;
            out[length++] = bytes[i];
        }
        return java.util.Arrays.copyOf(out, length);
    }
}
