package io.lumen.encode.libav.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import io.lumen.encode.libav.impl.ffm.Libav;
import org.osgi.service.component.annotations.Component;

import java.util.Set;

/**
 * SVT-AV1 as libavcodec 59 offers it, which cannot carry a game stream, so this service only says why in
 * lumen:backends (and AV1 stays unoffered to clients) instead of being absent without a word.
 * <p>
 * Tried against FFmpeg 5.1 and SVT-AV1 1.4.1 on this project's machines: the wrapper passes no picture type to SVT,
 * so a keyframe can only be had by reopening the encoder (about 150 ms); even SVT's low-delay prediction structure
 * hands a picture's unit out two to four pictures after it went in, varying with thread scheduling; and its
 * low-delay CBR, which SVT itself calls a work in progress, codes every other picture so coarsely that fine detail
 * is lost at bitrates x264 and x265 keep it at. FFmpeg 6's wrapper forwards keyframe requests.
 */
@Component(service = EncoderBackend.class, property = "service.ranking:Integer=20")
public final class SvtAv1Backend implements EncoderBackend {

    static final String ENCODER = "libsvtav1";
    static final String NOT_LOW_LATENCY = "libavcodec 59's libsvtav1 cannot stream at low latency (no keyframe on"
            + " request before FFmpeg 6; SVT-AV1 1.4.1 holds each picture 2 to 4 frames)";

    private final Libav av;

    public SvtAv1Backend() {
        this(Libav.system());
    }

    SvtAv1Backend(Libav av) {
        this.av = av;
    }

    @Override
    public String id() {
        return "libav-svtav1";
    }

    @Override
    public Probe probe() {
        if (!av.isAvailable()) {
            return Probe.unavailable(av.unavailableReason().orElseThrow());
        }
        if (!av.hasEncoder(ENCODER)) {
            return Probe.unavailable("this libavcodec was built without " + ENCODER);
        }
        return Probe.unavailable(NOT_LOW_LATENCY);
    }

    @Override
    public Set<Codec> codecs() {
        return Set.of();
    }

    @Override
    public Set<PixelFormat> inputFormats() {
        return Set.of();
    }

    @Override
    public EncoderSession open(EncoderConfig config) throws BackendException {
        throw new BackendException(id() + " is " + probe());
    }
}
