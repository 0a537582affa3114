package io.lumen.encoding;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H264HeadingTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static boolean seiSays(int... nal) {
        return H264Heading.seiCarriesRecoveryPoint(MemorySegment.ofArray(bytes(nal)));
    }

    private static H264Heading heading(byte[] unit) {
        return H264Heading.of(MemorySegment.ofArray(unit));
    }

    @Test
    void anSeiUnitCarriesARecoveryPointAlsoAfterAnotherMessage() {
        assertTrue(seiSays(0, 0, 0, 1, 0x06, 6, 1, 0x84, 0x80));
        // a user-data message of 3 bytes first (type 5), then the recovery point
        assertTrue(seiSays(0, 0, 1, 0x06, 5, 3, 0xaa, 0xbb, 0xcc, 6, 1, 0x84, 0x80));
        // a payload holding 00 00 03 (emulation prevention) before the recovery point
        assertTrue(seiSays(0, 0, 1, 0x06, 5, 3, 0, 0, 3, 1, 6, 1, 0x84, 0x80));
    }

    @Test
    void otherMessagesAndOtherOrMalformedUnitsCarryNone() {
        assertFalse(seiSays(0, 0, 1, 0x06, 5, 2, 0xaa, 0xbb, 0x80));
        assertFalse(seiSays(0, 0, 1, 0x65, 6, 1, 0x84, 0x80), "a slice, not an SEI");
        assertFalse(seiSays(0, 0, 1, 0x06, 0xff, 0xff));
        assertFalse(seiSays(0, 0, 1));
        assertFalse(seiSays());
    }

    @Test
    void theHeadingReadsTheUnitsBeforeTheFirstSlice() {
        byte[] recovery = bytes(0, 0, 0, 1, 6, 6, 1, 0x80, 0x80, 0, 0, 1, 0x65, 0);
        assertEquals(new H264Heading(true, true), heading(recovery));
        byte[] escaped = bytes(0, 0, 1, 6, 5, 3, 0, 0, 3, 1, 6, 1, 0x80, 0, 0, 1, 0x41);
        assertEquals(new H264Heading(false, true), heading(escaped),
                "an emulation prevention byte inside an earlier payload is not counted");
        byte[] afterSlice = bytes(0, 0, 1, 0x41, 0, 0, 1, 6, 6, 1, 0x80, 0x80);
        assertEquals(new H264Heading(false, false), heading(afterSlice), "an SEI after the slice is not read");
    }

    @Test
    void damagedOrTruncatedUnitsReadAsNeitherAndNeverThrow() {
        assertEquals(new H264Heading(false, false), heading(bytes(0, 0, 1, 6, 0xFF)), "an SEI cut inside its type");
        assertEquals(new H264Heading(false, false), heading(new byte[0]));
        byte[] escaped = bytes(0, 0, 1, 6, 5, 3, 0, 0, 3, 1, 6, 1, 0x80, 0, 0, 1, 0x41);
        for (int cut = 0; cut < escaped.length; cut++) {
            byte[] truncated = Arrays.copyOf(escaped, cut);
            heading(truncated);
            H264Heading.seiCarriesRecoveryPoint(MemorySegment.ofArray(truncated));
        }
        byte[] noise = new byte[4096];
        new Random(22).nextBytes(noise);
        for (int i = 0; i < noise.length; i += 97) {
            noise[i] = 0;
            noise[i + 1] = 0;
            noise[i + 2] = 1; // start codes among the noise, so units of every type get walked
        }
        heading(noise);
        H264Heading.seiCarriesRecoveryPoint(MemorySegment.ofArray(noise));
    }
}
