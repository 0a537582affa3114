package io.lumen.encode.x264.impl.ffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeiMessagesTest {

    private static boolean reads(int... bytes) {
        byte[] nal = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            nal[i] = (byte) bytes[i];
        }
        return SeiMessages.hasRecoveryPoint(MemorySegment.ofArray(nal));
    }

    @Test
    void findsARecoveryPointAlsoAfterAnotherMessage() {
        assertTrue(reads(0, 0, 0, 1, 0x06, 6, 1, 0x84, 0x80));
        // a user-data message of 3 bytes first (type 5), then the recovery point
        assertTrue(reads(0, 0, 1, 0x06, 5, 3, 0xaa, 0xbb, 0xcc, 6, 1, 0x84, 0x80));
        // a payload holding 00 00 03 (emulation prevention) before the recovery point
        assertTrue(reads(0, 0, 1, 0x06, 5, 3, 0, 0, 3, 1, 6, 1, 0x84, 0x80));
    }

    @Test
    void otherMessagesAndMalformedUnitsAreNot() {
        assertFalse(reads(0, 0, 1, 0x06, 5, 2, 0xaa, 0xbb, 0x80));
        assertFalse(reads(0, 0, 1, 0x65, 6, 1, 0x84, 0x80), "a slice, not an SEI");
        assertFalse(reads(0, 0, 1, 0x06, 0xff, 0xff));
        assertFalse(reads(0, 0, 1));
        assertFalse(reads());
    }
}
