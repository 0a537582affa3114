package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.media.PixelFormat;
import io.lumen.capture.pipewire.impl.spa.SpaVideoFormat;
import io.lumen.capture.pipewire.impl.spa.VideoFormatParams;

import java.util.List;
import java.util.Set;

/** The raw formats offered to a producer: those of lumen's packed RGB offers the session's encoder takes. */
final class FormatOffer {

    private FormatOffer() {
    }

    static List<SpaVideoFormat> of(Set<PixelFormat> encoderTakes) {
        List<SpaVideoFormat> offer = VideoFormatParams.ENCODER_FORMATS.stream()
                .filter(f -> f.pixelFormat().filter(encoderTakes::contains).isPresent())
                .toList();
        if (offer.isEmpty()) {
            throw new IllegalArgumentException("the encoder takes " + encoderTakes
                    + ", none of which a PipeWire capture offers (" + VideoFormatParams.ENCODER_FORMATS + ")");
        }
        return offer;
    }
}
