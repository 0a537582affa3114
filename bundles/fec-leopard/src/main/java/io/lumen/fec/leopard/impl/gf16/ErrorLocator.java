package io.lumen.fec.leopard.impl.gf16;

import java.util.Arrays;

/**
 * The logs by which a decoder scales received shards (and unscales rebuilt originals) for one erasure pattern,
 * and the workspace positions of the lost originals (the only transform outputs a decode reads).
 *
 * <p>The logs are the XOR-convolution of the erasure indicator with the log table (entry 0 taken as 0), modulo
 * 65535. Leopard evaluates it with two 65536-entry Walsh transforms, a fixed cost whatever the block; with few
 * erasures the direct sum over erased positions is far cheaper and gives the same residues. Either way
 * {@link Leopard16Codec} caches the result per pattern.
 */
record ErrorLocator(char[] logs, int[] lostPositions) {

    /** Above this many (position x erasure) terms the two Walsh transforms are cheaper than the direct sum. */
    private static final long DIRECT_TERMS_LIMIT = 1L << 20;

    static ErrorLocator build(boolean[] originalPresent, boolean[] recoveryPresent, int m) {
        int k = originalPresent.length;
        int r = recoveryPresent.length;
        int positions = m + k;
        int[] erased = new int[positions];
        int count = 0;
        for (int i = 0; i < r; i++) {
            if (!recoveryPresent[i]) {
                erased[count++] = i;
            }
        }
        for (int i = r; i < m; i++) {
            erased[count++] = i;
        }
        int lostOriginals = 0;
        for (int i = 0; i < k; i++) {
            if (!originalPresent[i]) {
                erased[count++] = m + i;
                lostOriginals++;
            }
        }
        int[] lost = Arrays.copyOfRange(erased, count - lostOriginals, count);
        char[] logs = (long) positions * count <= DIRECT_TERMS_LIMIT
                ? direct(erased, count, positions)
                : walsh(erased, count, positions);
        return new ErrorLocator(logs, lost);
    }

    /** {@code logs[i] = sum over erased e != i of log(i XOR e)}: O(positions x erasures). */
    static char[] direct(int[] erased, int count, int positions) {
        long[] sums = new long[positions];
        for (int e = 0; e < count; e++) {
            int position = erased[e];
            for (int i = 0; i < positions; i++) {
                sums[i] += Gf16.log(i ^ position); // at i == e this adds log(0) = 65535, a zero residue
            }
        }
        char[] logs = new char[positions];
        for (int i = 0; i < positions; i++) {
            logs[i] = (char) (sums[i] % Gf16.MODULUS);
        }
        return logs;
    }

    /** The same residues through Leopard's two Walsh transforms over the whole field. */
    static char[] walsh(int[] erased, int count, int positions) {
        char[] locations = new char[Gf16.ORDER];
        for (int e = 0; e < count; e++) {
            locations[erased[e]] = 1;
        }
        Gf16.fwht(locations, Gf16.ORDER);
        for (int i = 0; i < Gf16.ORDER; i++) {
            locations[i] = (char) Gf16.mulMod(locations[i], Gf16.logWalsh(i));
        }
        Gf16.fwht(locations, Gf16.ORDER);
        return Arrays.copyOf(locations, positions);
    }
}
