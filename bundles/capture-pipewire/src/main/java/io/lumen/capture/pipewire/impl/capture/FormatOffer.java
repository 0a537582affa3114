package io.lumen.capture.pipewire.impl.capture;

import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.spa.SpaPod;
import io.lumen.capture.pipewire.impl.spa.SpaVideoFormat;
import io.lumen.capture.pipewire.impl.spa.VideoFormatParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a session offers a producer: for each packed RGB format the session's encoder takes, first a DMA-BUF
 * EnumFormat with the LINEAR modifier (the one layout a CPU can read from a DMA-BUF), then one shared-memory
 * EnumFormat with all of them. A producer that allocates GPU buffers picks the first it can make; one without
 * DMA-BUF support matches only the last.
 */
final class FormatOffer {

    private FormatOffer() {
    }

    /** @param exact only the mode's size and rate (see {@link io.lumen.capture.pipewire.PipeWireStreams#EXACT_MODE}) */
    static List<SpaPod.ObjectPod> pods(Set<PixelFormat> encoderTakes, VideoMode mode, boolean exact) {
        List<SpaVideoFormat> formats = of(encoderTakes);
        List<SpaPod.ObjectPod> pods = new ArrayList<>();
        for (SpaVideoFormat format : formats) {
            pods.add(VideoFormatParams.enumFormatDmaBuf(format, List.of(VideoFormatParams.DRM_FORMAT_MOD_LINEAR),
                    mode, exact));
        }
        pods.add(VideoFormatParams.enumFormat(formats, mode, exact));
        return List.copyOf(pods);
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
