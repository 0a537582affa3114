package io.lumen.capture.pipewire.impl.spa;

import io.lumen.api.media.PixelFormat;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A fixed raw video format as PipeWire negotiated it. {@code spaFormat} is the {@code spa_video_format}
 * number, kept even when lumen has no name for it so that a log can say what the producer insisted on.
 * A modifier is present exactly when the buffers will be DMA-BUFs.
 */
public record NegotiatedVideoFormat(int spaFormat, int width, int height, int framerateNum, int framerateDenom,
                                    OptionalLong modifier) {

    /** The lumen layout of these pixels, if the encoders take it. */
    public Optional<PixelFormat> pixelFormat() {
        return SpaVideoFormat.ofNumber(spaFormat).flatMap(SpaVideoFormat::pixelFormat);
    }

    public boolean isDmaBuf() {
        return modifier.isPresent();
    }

    @Override
    public String toString() {
        return SpaVideoFormat.describe(spaFormat) + " " + Integer.toUnsignedString(width) + "x"
                + Integer.toUnsignedString(height) + " @" + Integer.toUnsignedString(framerateNum) + "/"
                + Integer.toUnsignedString(framerateDenom)
                + (modifier.isPresent() ? " modifier 0x" + Long.toHexString(modifier.getAsLong()) : "");
    }
}
