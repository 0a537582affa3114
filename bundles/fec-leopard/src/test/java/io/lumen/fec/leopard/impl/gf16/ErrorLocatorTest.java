package io.lumen.fec.leopard.impl.gf16;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The direct locator sum and Leopard's two Walsh transforms agree on every residue. */
class ErrorLocatorTest {

    @Test
    void directSumAndWalshTransformsGiveTheSameResidues() {
        Random random = new Random(3);
        for (int round = 0; round < 12; round++) {
            int positions = 2 + random.nextInt(3000);
            int count = 1 + random.nextInt(Math.min(positions, 200));
            int[] erased = random.ints(0, positions).distinct().limit(count).sorted().toArray();
            char[] direct = ErrorLocator.direct(erased, erased.length, positions);
            char[] walsh = ErrorLocator.walsh(erased, erased.length, positions);
            for (int i = 0; i < positions; i++) {
                assertEquals(walsh[i] % Gf16.MODULUS, direct[i] % Gf16.MODULUS,
                        "round " + round + " position " + i + " of " + positions);
            }
        }
    }

    @Test
    void mulModMatchesTheRemainder() {
        Random random = new Random(4);
        for (int i = 0; i < 100_000; i++) {
            int a = random.nextInt(65536);
            int b = random.nextInt(65536);
            assertEquals((int) ((long) a * b % 65535), Gf16.mulMod(a, b), a + " * " + b);
        }
        assertEquals(0, Gf16.mulMod(65535, 65535));
        assertEquals(0, Gf16.mulMod(65535, 1));
    }
}
