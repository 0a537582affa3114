package io.lumen.capture.synthetic.pattern;

import io.lumen.api.media.PixelFormat;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Paints the synthetic picture: colour bars scrolling sideways, a white box bouncing around, and the stamp band on
 * top. Everything moves from frame to frame so an encoder's motion search has real work. Painting writes whole
 * rows from precomputed arrays: a 1080p frame costs a few bulk copies per row, not a call per pixel.
 */
public final class TestPattern {

    /** Bar colours, 0xRRGGBB: the classic eight at 75%. */
    private static final int[] BARS = {0xBFBFBF, 0xBFBF00, 0x00BFBF, 0x00BF00, 0xBF00BF, 0xBF0000, 0x0000BF, 0x101010};
    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;

    private final int width;
    private final int height;
    private final PixelFormat format;
    private final int band;
    private final int box;
    private final byte[] row;
    private final byte[] chromaRowU;
    private final byte[] chromaRowV;
    private final byte[] whiteRow;
    private final byte[] blackRow;
    /** Rows of noise the picture below the band is cut from, or null for the bars. */
    private final byte[] grain;
    private final int grainRows;

    public TestPattern(int width, int height, PixelFormat format) {
        this(width, height, format, false);
    }

    /**
     * With {@code grain}, the bars give way to noise that no two frames share, so an encoder finds nothing to predict
     * and spends all of its bitrate, as it does on a busy game: frames come out at the size the rate allows.
     */
    public TestPattern(int width, int height, PixelFormat format, boolean grain) {
        StampCodec.checkSize(width, height);
        if (format == PixelFormat.NV12) {
            throw new IllegalArgumentException("the synthetic pattern paints packed RGB and I420, not " + format);
        }
        this.width = width;
        this.height = height;
        this.format = format;
        this.band = StampCodec.bandHeight(width);
        this.box = Math.max(8, Math.min(width, height - band) / 5);
        int rowBytes = format.isPacked() ? width * 4 : width;
        this.row = new byte[rowBytes];
        this.chromaRowU = new byte[(width + 1) / 2];
        this.chromaRowV = new byte[(width + 1) / 2];
        this.whiteRow = solidRow(WHITE, rowBytes);
        this.blackRow = solidRow(BLACK, rowBytes);
        this.grainRows = grain ? 2 * height + 1 : 0;
        this.grain = grain ? noise(rowBytes * grainRows, format.isPacked()) : null;
    }

    private static byte[] noise(int bytes, boolean packed) {
        byte[] noise = new byte[bytes];
        new java.util.SplittableRandom(0x6c756d656eL).nextBytes(noise);
        if (packed) {
            for (int i = 3; i < bytes; i += 4) {
                noise[i] = (byte) 0xFF;
            }
        }
        return noise;
    }

    /** The tightest stride for this width and format. */
    public static int minimumStride(int width, PixelFormat format) {
        return width * format.bytesPerPixel();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public PixelFormat format() {
        return format;
    }

    /** Paints frame {@code frame} with {@code stamp} into {@code target}, rows {@code stride} bytes apart. */
    public void paint(MemorySegment target, int stride, long frame, FrameStamp stamp) {
        if (stride < minimumStride(width, format) || target.byteSize() < format.frameBytes(stride, height)) {
            throw new IllegalArgumentException("target too small for " + width + "x" + height + " " + format
                    + " at stride " + stride);
        }
        int shift = (int) ((frame * 4) % width);
        int boxX = bounce(frame * 5, width - box);
        int boxY = band + bounce(frame * 3, height - band - box);
        fillBars(shift);
        int boxBytesX = format.isPacked() ? boxX * 4 : boxX;
        int boxBytes = format.isPacked() ? box * 4 : box;
        // a row offset no motion search finds from one frame to the next
        int grainStart = grain == null ? 0 : (int) Math.floorMod(frame * 0x9E3779B97F4A7C15L >>> 17, (long) grainRows);
        for (int y = band; y < height; y++) {
            long at = (long) y * stride;
            if (grain == null) {
                MemorySegment.copy(row, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, at, row.length);
            } else {
                int from = ((grainStart + y) % grainRows) * row.length;
                MemorySegment.copy(grain, from, target, java.lang.foreign.ValueLayout.JAVA_BYTE, at, row.length);
            }
            if (y >= boxY && y < boxY + box) {
                MemorySegment.copy(whiteRow, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, at + boxBytesX, boxBytes);
            }
        }
        paintBand(target, stride, stamp);
        if (format == PixelFormat.I420) {
            paintChroma(target, stride, boxX, boxY);
        }
    }

    private void paintBand(MemorySegment target, int stride, FrameStamp stamp) {
        for (int y = 0; y < band; y++) {
            MemorySegment.copy(blackRow, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, (long) y * stride, blackRow.length);
        }
        boolean[] bits = StampCodec.bits(stamp);
        int bpp = format.isPacked() ? 4 : 1;
        int cellBytes = StampCodec.CELL * bpp;
        for (int i = 0; i < bits.length; i++) {
            if (!bits[i]) {
                continue;
            }
            long x = (long) StampCodec.cellX(i, width) * bpp;
            int top = StampCodec.cellY(i, width);
            for (int y = top; y < top + StampCodec.CELL; y++) {
                MemorySegment.copy(whiteRow, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, (long) y * stride + x, cellBytes);
            }
        }
    }

    /** I420 chroma planes: bars below the band, neutral in the band and in the box. */
    private void paintChroma(MemorySegment target, int stride, int boxX, int boxY) {
        int chromaStride = (stride + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        long uPlane = (long) stride * height;
        long vPlane = uPlane + (long) chromaStride * chromaHeight;
        byte[] neutral = new byte[chromaRowU.length];
        Arrays.fill(neutral, (byte) 128);
        for (int cy = 0; cy < chromaHeight; cy++) {
            int y = cy * 2;
            boolean inBand = y < band;
            long u = uPlane + (long) cy * chromaStride;
            long v = vPlane + (long) cy * chromaStride;
            MemorySegment.copy(inBand ? neutral : chromaRowU, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, u, neutral.length);
            MemorySegment.copy(inBand ? neutral : chromaRowV, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, v, neutral.length);
            if (!inBand && y >= boxY && y < boxY + box) {
                int from = boxX / 2;
                int length = Math.min((box + 1) / 2, neutral.length - from);
                MemorySegment.copy(neutral, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, u + from, length);
                MemorySegment.copy(neutral, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, v + from, length);
            }
        }
    }

    private void fillBars(int shift) {
        int barWidth = Math.max(1, width / BARS.length);
        for (int x = 0; x < width; x++) {
            int rgb = BARS[(((x + shift) % width) / barWidth) % BARS.length];
            if (format.isPacked()) {
                putPacked(row, x * 4, rgb);
            } else {
                row[x] = (byte) luma(rgb);
                if ((x & 1) == 0) {
                    chromaRowU[x / 2] = (byte) cb(rgb);
                    chromaRowV[x / 2] = (byte) cr(rgb);
                }
            }
        }
    }

    private byte[] solidRow(int rgb, int bytes) {
        byte[] solid = new byte[bytes];
        if (format.isPacked()) {
            for (int i = 0; i < bytes; i += 4) {
                putPacked(solid, i, rgb);
            }
        } else {
            Arrays.fill(solid, (byte) luma(rgb));
        }
        return solid;
    }

    private void putPacked(byte[] target, int at, int rgb) {
        byte r = (byte) (rgb >> 16);
        byte g = (byte) (rgb >> 8);
        byte b = (byte) rgb;
        switch (format) {
            case BGRX, BGRA -> {
                target[at] = b;
                target[at + 1] = g;
                target[at + 2] = r;
            }
            default -> {
                target[at] = r;
                target[at + 1] = g;
                target[at + 2] = b;
            }
        }
        target[at + 3] = (byte) 0xFF;
    }

    /** A position that runs 0..span and back, so the box stays inside the picture. */
    private static int bounce(long step, int span) {
        if (span <= 0) {
            return 0;
        }
        long phase = step % (2L * span);
        return (int) (phase <= span ? phase : 2L * span - phase);
    }

    // BT.601 limited range, the matrix decoders assume for untagged streams
    static int luma(int rgb) {
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        return 16 + ((66 * r + 129 * g + 25 * b + 128) >> 8);
    }

    static int cb(int rgb) {
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        return 128 + ((-38 * r - 74 * g + 112 * b + 128) >> 8);
    }

    static int cr(int rgb) {
        int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
        return 128 + ((112 * r - 94 * g - 18 * b + 128) >> 8);
    }
}
