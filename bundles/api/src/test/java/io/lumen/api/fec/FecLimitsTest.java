package io.lumen.api.fec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FecLimitsTest {

    private static final FecLimits RS8 = new FecLimits(254, 254, 255, 1);
    private static final FecLimits LEOPARD = new FecLimits(65535, 32768, 65536, 64,
            FecLimits.Shape.RECOVERY_POWER_OF_TWO);

    @Test
    void aCauchyCodeTakesAnyCountsUpToItsTotal() {
        assertTrue(RS8.fits(1, 254));
        assertTrue(RS8.fits(200, 55));
        assertFalse(RS8.fits(200, 56));
        assertFalse(RS8.fits(0, 1));
        assertFalse(RS8.fits(1, 0));
        assertEquals(254, RS8.maxRecoveryFor(1));
        assertEquals(55, RS8.maxRecoveryFor(200));
        assertEquals(0, RS8.maxRecoveryFor(255));
    }

    @Test
    void leopardTakesNoMoreRecoveryThanOriginalsAndRoundsRecoveryUpToAPowerOfTwo() {
        assertTrue(LEOPARD.fits(1, 1));
        assertFalse(LEOPARD.fits(1, 2), "more recovery than originals");
        assertTrue(LEOPARD.fits(12_000, 2_400));
        assertTrue(LEOPARD.fits(49_152, 16_384));
        assertFalse(LEOPARD.fits(49_153, 16_384), "16384 + 49153 > 65536");
        assertFalse(LEOPARD.fits(40_000, 16_385), "rounds up to 32768: 72768 shards");
        assertEquals(1, LEOPARD.maxRecoveryFor(1));
        assertEquals(100, LEOPARD.maxRecoveryFor(100));
        assertEquals(16_384, LEOPARD.maxRecoveryFor(40_000), "25536 would round up to 32768");
        assertEquals(32_768, LEOPARD.maxRecoveryFor(32_768));
        assertEquals(1, LEOPARD.maxRecoveryFor(65_535));
        for (int k : new int[] {1, 3, 255, 256, 4096, 12_000, 33_000, 65_535}) {
            assertTrue(LEOPARD.fits(k, LEOPARD.maxRecoveryFor(k)), "the most for " + k + " fits");
        }
    }

    @Test
    void limitsWithoutAShapeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FecLimits(1, 1, 2, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new FecLimits(0, 1, 2, 1));
    }
}
