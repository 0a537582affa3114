package io.lumen.testkit;

import java.util.List;

/**
 * Decoded pictures as luma planes.
 *
 * @param frames one {@code width x height} gray plane per picture, in display order
 */
public record DecodedVideo(int width, int height, List<byte[]> frames) {

    public int count() {
        return frames.size();
    }

    /**
     * Throws {@link AssertionError} unless, in every picture, each luma sample outside the rectangle {@code left,
     * top, width, height} is limited-range black (16, within 6: a coarse encoder's flat blocks come back a few
     * steps off, while a bar left unpainted reads 0 or the picture), except within {@code margin} pixels of the
     * rectangle, which compression smears: the bars around a picture fitted into another size.
     */
    public void assertBlackOutside(int left, int top, int width, int height, int margin) {
        for (int p = 0; p < frames.size(); p++) {
            byte[] luma = frames.get(p);
            for (int y = 0; y < this.height; y++) {
                boolean barRow = y < top - margin || y >= top + height + margin;
                for (int x = 0; x < this.width; x++) {
                    if (!barRow && x >= left - margin && x < left + width + margin) {
                        x = left + width + margin - 1; // the picture's columns of this row
                        continue;
                    }
                    int sample = luma[y * this.width + x] & 0xff;
                    if (Math.abs(sample - 16) > 6) {
                        throw new AssertionError("picture " + p + " is not black at (" + x + "," + y + ") outside "
                                + width + "x" + height + " at (" + left + "," + top + "): luma " + sample);
                    }
                }
            }
        }
    }
}
