package io.lumen.encoding;

/**
 * The rate control the software encoders share: the target as the average, and a one-frame VBV at 110% of it
 * bounding every picture. With the VBV at exactly the target, x264 keeps so much headroom that it averages
 * about 85% of the target on demanding content; the 10% lets it reach about 92% while no picture is more than
 * a tenth over its share.
 *
 * @param targetBits average, bits per second
 * @param peakBits   VBV maximum rate, bits per second
 * @param bufferBits VBV buffer, bits (one frame at the peak)
 */
public record VbvRate(long targetBits, long peakBits, long bufferBits) {

    public static VbvRate of(int kbps, int fps) {
        long bits = kbps * 1000L;
        long peak = bits * 11 / 10;
        return new VbvRate(bits, peak, peak / fps);
    }
}
