package io.lumen.fec.leopard.impl.gf16;

/**
 * The logs by which a decoder scales received shards (and unscales rebuilt originals) for one erasure
 * pattern: the error-locator polynomial evaluated through two full 65536-entry Walsh transforms. That fixed
 * cost is why {@link Leopard16Codec} caches it per pattern.
 */
record ErrorLocator(char[] logs, int[] lostPositions) {

    /**
     * Logs for positions {@code 0 .. m + k - 1} (recovery at {@code i}, original {@code i} at {@code m + i}),
     * and the ascending workspace positions of the lost originals, the only transform outputs a decode reads.
     */
    static ErrorLocator build(boolean[] originalPresent, boolean[] recoveryPresent, int m) {
        int k = originalPresent.length;
        int r = recoveryPresent.length;
        char[] locations = new char[Gf16.ORDER];
        for (int i = 0; i < r; i++) {
            locations[i] = recoveryPresent[i] ? (char) 0 : (char) 1;
        }
        for (int i = r; i < m; i++) {
            locations[i] = 1;
        }
        for (int i = 0; i < k; i++) {
            locations[m + i] = originalPresent[i] ? (char) 0 : (char) 1;
        }
        Gf16.fwht(locations, Gf16.ORDER);
        for (int i = 0; i < Gf16.ORDER; i++) {
            locations[i] = (char) ((long) locations[i] * Gf16.logWalsh(i) % Gf16.MODULUS);
        }
        Gf16.fwht(locations, Gf16.ORDER);
        int[] lost = java.util.stream.IntStream.range(0, k).filter(i -> !originalPresent[i]).map(i -> m + i).toArray();
        return new ErrorLocator(java.util.Arrays.copyOf(locations, m + k), lost);
    }
}
