package io.lumen.tools.pwproducer;

import io.lumen.api.media.Frame;
import io.lumen.capture.synthetic.pattern.FrameStamp;
import io.lumen.capture.synthetic.pattern.StampCodec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * Reads the {@link FrameStamp} of a {@link io.lumen.capture.synthetic.pattern.TestPattern} picture from a packed
 * 4-byte frame. {@link StampCodec} reads one byte per pixel; the band is black and white, so the green byte of each
 * pixel is its luma. Only the band's rows are looked at.
 */
public final class BgrxStamp {

    private static final int GREEN = 1;

    private BgrxStamp() {
    }

    /** The frame's stamp; empty when the band is absent or damaged. */
    public static Optional<FrameStamp> read(Frame frame) {
        if (!frame.format().isPacked()) {
            throw new IllegalArgumentException("a packed 4-byte frame, not " + frame.format());
        }
        int width = frame.width();
        int band = StampCodec.bandHeight(width);
        if (width < StampCodec.MIN_WIDTH || frame.height() < band) {
            return Optional.empty();
        }
        MemorySegment pixels = frame.data();
        byte[] luma = new byte[width * band];
        for (int y = 0; y < band; y++) {
            long row = (long) y * frame.stride();
            for (int x = 0; x < width; x++) {
                luma[y * width + x] = pixels.get(ValueLayout.JAVA_BYTE, row + 4L * x + GREEN);
            }
        }
        return StampCodec.read(luma, 0, width, width, band);
    }
}
