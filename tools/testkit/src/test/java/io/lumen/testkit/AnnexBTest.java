package io.lumen.testkit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AnnexBTest {

    @Test
    void splitsOnThreeAndFourByteStartCodes() {
        byte[] stream = {0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 4, 5};
        List<byte[]> units = AnnexB.nalUnits(stream);
        assertEquals(3, units.size());
        assertArrayEquals(new byte[] {0x67, 1, 2}, units.get(0));
        assertArrayEquals(new byte[] {0x68, 3}, units.get(1));
        assertArrayEquals(new byte[] {0x65, 4, 5}, units.get(2));
        assertEquals(List.of(7, 8, 5), AnnexB.h264Types(stream));
        assertTrue(AnnexB.isH264Idr(stream));
        assertFalse(AnnexB.isH264Idr(new byte[] {0, 0, 1, 0x41, 9}));
    }

    @Test
    void noStartCodeMeansNoUnits() {
        assertTrue(AnnexB.nalUnits(new byte[] {1, 2, 3, 4}).isEmpty());
    }

    @Test
    void hevcTypesComeFromTheSixBitsAfterTheForbiddenBit() {
        assertEquals(19, AnnexB.hevcType(new byte[] {0x26, 0x01}));
        assertEquals(32, AnnexB.hevcType(new byte[] {0x40, 0x01}));
    }
}
