package io.lumen.capture.synthetic.pattern;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * A block code for a {@link FrameStamp} that survives lossy video coding: a band at the top of the picture of
 * {@value #CELL}x{@value #CELL} cells, each black or white, read back as the mean luma of the cell. Cells sit on the
 * 8-pixel grid so each covers whole transform blocks, whose DC survives even coarse quantisation. Layout, row-major
 * from the top-left corner: an 8-bit sync word, the counter, the capture time, then a CRC-16 over both, so a
 * damaged band reads as nothing rather than as a wrong stamp.
 */
public final class StampCodec {

    public static final int CELL = 8;
    public static final int COUNTER_BITS = 32;
    public static final int TIME_BITS = 40;
    static final int SYNC = 0b1011_0010;
    static final int SYNC_BITS = 8;
    static final int CRC_BITS = 16;
    public static final int BITS = SYNC_BITS + COUNTER_BITS + TIME_BITS + CRC_BITS;

    /** Smallest picture the band fits in with room left for the moving pattern. */
    public static final int MIN_WIDTH = 96;
    public static final int MIN_HEIGHT = 64;

    private StampCodec() {
    }

    public static int cellsPerRow(int width) {
        return width / CELL;
    }

    /** Height in pixels of the stamp band for this width. */
    public static int bandHeight(int width) {
        int perRow = cellsPerRow(width);
        return ((BITS + perRow - 1) / perRow) * CELL;
    }

    /** Throws a clear {@link IllegalArgumentException} when a picture is too small to carry a stamp. */
    public static void checkSize(int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            throw new IllegalArgumentException("synthetic pictures need at least " + MIN_WIDTH + "x" + MIN_HEIGHT
                    + " to carry their stamp; asked for " + width + "x" + height);
        }
    }

    /** The cell values of a stamp, in layout order (true = white). */
    public static boolean[] bits(FrameStamp stamp) {
        boolean[] bits = new boolean[BITS];
        int at = put(bits, 0, SYNC, SYNC_BITS);
        at = put(bits, at, stamp.counter(), COUNTER_BITS);
        at = put(bits, at, stamp.captureMicros(), TIME_BITS);
        put(bits, at, crc16(stamp.counter(), stamp.captureMicros()), CRC_BITS);
        return bits;
    }

    /** Left pixel column of cell {@code index}. */
    public static int cellX(int index, int width) {
        return (index % cellsPerRow(width)) * CELL;
    }

    /** Top pixel row of cell {@code index}. */
    public static int cellY(int index, int width) {
        return (index / cellsPerRow(width)) * CELL;
    }

    /** Reads a stamp from a decoded luma plane held in a byte array. */
    public static Optional<FrameStamp> read(byte[] luma, int offset, int stride, int width, int height) {
        return read(MemorySegment.ofArray(luma), offset, stride, width, height);
    }

    /** Reads a stamp from a decoded luma plane; empty when the band is absent or damaged. */
    public static Optional<FrameStamp> read(MemorySegment luma, long offset, int stride, int width, int height) {
        if (width < MIN_WIDTH || height < bandHeight(width)) {
            return Optional.empty();
        }
        boolean[] bits = new boolean[BITS];
        for (int i = 0; i < BITS; i++) {
            long base = offset + (long) cellY(i, width) * stride + cellX(i, width);
            int sum = 0;
            for (int y = 0; y < CELL; y++) {
                for (int x = 0; x < CELL; x++) {
                    sum += luma.get(ValueLayout.JAVA_BYTE, base + (long) y * stride + x) & 0xFF;
                }
            }
            bits[i] = sum / (CELL * CELL) >= 128;
        }
        long[] at = {0};
        if (take(bits, at, SYNC_BITS) != SYNC) {
            return Optional.empty();
        }
        long counter = take(bits, at, COUNTER_BITS);
        long micros = take(bits, at, TIME_BITS);
        long crc = take(bits, at, CRC_BITS);
        return crc == crc16(counter, micros) ? Optional.of(new FrameStamp(counter, micros)) : Optional.empty();
    }

    private static int put(boolean[] bits, int at, long value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            bits[at++] = ((value >>> i) & 1) != 0;
        }
        return at;
    }

    private static long take(boolean[] bits, long[] at, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 1) | (bits[(int) at[0]++] ? 1 : 0);
        }
        return value;
    }

    /** CRC-16/CCITT-FALSE over the counter (4 bytes) and the time (5 bytes), big-endian. */
    static int crc16(long counter, long micros) {
        int crc = 0xFFFF;
        long[] fields = {counter, micros};
        int[] lengths = {4, 5};
        for (int f = 0; f < 2; f++) {
            for (int b = lengths[f] - 1; b >= 0; b--) {
                crc ^= (int) ((fields[f] >>> (8 * b)) & 0xFF) << 8;
                for (int k = 0; k < 8; k++) {
                    crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
                }
            }
        }
        return crc;
    }
}
