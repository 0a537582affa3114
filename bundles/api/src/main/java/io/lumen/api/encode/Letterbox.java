package io.lumen.api.encode;

/**
 * Where a picture of one size lands in a picture of another: scaled with its aspect ratio kept, as large as fits,
 * centred; what it leaves uncovered is black. One rule for every encoder that fits pictures itself
 * ({@link EncoderBackend#scalesInput()}) and for the session that fits them for the others, so a swap between the
 * two moves no pixel.
 *
 * @param left   first column of the picture in the target
 * @param top    first row
 * @param width  columns it covers, at least 1
 * @param height rows it covers, at least 1
 * @since 1.4
 */
public record Letterbox(int left, int top, int width, int height) {

    /**
     * The rectangle a {@code sourceWidth}x{@code sourceHeight} picture covers in a {@code targetWidth}x{@code
     * targetHeight} one (the whole target when both have the same size or aspect ratio).
     *
     * @throws IllegalArgumentException when a size is not positive
     */
    public static Letterbox of(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        if (sourceWidth <= 0 || sourceHeight <= 0 || targetWidth <= 0 || targetHeight <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + sourceWidth + "x" + sourceHeight
                    + " into " + targetWidth + "x" + targetHeight);
        }
        double scale = Math.min((double) targetWidth / sourceWidth, (double) targetHeight / sourceHeight);
        int width = (int) Math.clamp(Math.round(sourceWidth * scale), 1, targetWidth);
        int height = (int) Math.clamp(Math.round(sourceHeight * scale), 1, targetHeight);
        return new Letterbox((targetWidth - width) / 2, (targetHeight - height) / 2, width, height);
    }

    /** Whether the picture covers the whole target: no bars. */
    public boolean fills(int targetWidth, int targetHeight) {
        return left == 0 && top == 0 && width == targetWidth && height == targetHeight;
    }
}
