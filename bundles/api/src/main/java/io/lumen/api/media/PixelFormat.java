package io.lumen.api.media;

/**
 * Pixel layouts a frame can carry. Packed formats name their bytes in memory order
 * (BGRX = blue at the lowest address), as PipeWire's SPA and libav do.
 */
public enum PixelFormat {
    BGRX(4), RGBX(4), BGRA(4), RGBA(4),
    /** Planar 4:2:0: a full-size luma plane, then quarter-size U and V planes, each row {@code stride} / half-stride apart. */
    I420(1),
    /** Semi-planar 4:2:0: luma plane, then one interleaved UV plane. */
    NV12(1);

    private final int bytesPerPixel;

    PixelFormat(int bytesPerPixel) {
        this.bytesPerPixel = bytesPerPixel;
    }

    /** Bytes per pixel of the first plane. */
    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    public boolean isPacked() {
        return bytesPerPixel == 4;
    }

    /** Bytes a frame of this format takes with the given first-plane stride. */
    public long frameBytes(int stride, int height) {
        long luma = (long) stride * height;
        return isPacked() ? luma : luma + 2L * ((stride + 1) / 2) * ((height + 1) / 2);
    }
}
