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
}
