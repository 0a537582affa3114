package io.lumen.fec.leopard.impl.gf8;

/** Small dense matrices over GF(2^8), for building decode plans (never on the per-byte path). */
final class Gf8Matrix {

    private Gf8Matrix() {
    }

    /** The inverse of the n x n row-major {@code m}, or null when it is singular. */
    static int[] invert(int[] m, int n) {
        int[] a = m.clone();
        int[] inv = new int[n * n];
        for (int i = 0; i < n; i++) {
            inv[i * n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && a[pivot * n + col] == 0) {
                pivot++;
            }
            if (pivot == n) {
                return null;
            }
            swapRows(a, n, col, pivot);
            swapRows(inv, n, col, pivot);
            int scale = Gf8.inv(a[col * n + col]);
            for (int j = 0; j < n; j++) {
                a[col * n + j] = Gf8.mul(a[col * n + j], scale);
                inv[col * n + j] = Gf8.mul(inv[col * n + j], scale);
            }
            for (int row = 0; row < n; row++) {
                int factor = a[row * n + col];
                if (row == col || factor == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    a[row * n + j] ^= Gf8.mul(factor, a[col * n + j]);
                    inv[row * n + j] ^= Gf8.mul(factor, inv[col * n + j]);
                }
            }
        }
        return inv;
    }

    private static void swapRows(int[] m, int n, int a, int b) {
        if (a == b) {
            return;
        }
        for (int j = 0; j < n; j++) {
            int t = m[a * n + j];
            m[a * n + j] = m[b * n + j];
            m[b * n + j] = t;
        }
    }
}
