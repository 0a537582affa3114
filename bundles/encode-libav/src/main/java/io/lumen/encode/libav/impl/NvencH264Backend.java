package io.lumen.encode.libav.impl;

import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.media.Codec;
import io.lumen.encode.libav.impl.ffm.Libav;
import org.osgi.service.component.annotations.Component;

/** H.264 on NVENC through libavcodec; outranks the software encoders where an NVIDIA GPU is present. */
@Component(service = EncoderBackend.class, property = "service.ranking:Integer=30")
public final class NvencH264Backend extends NvencBackend {

    public NvencH264Backend() {
        super(Libav.system(), "h264_nvenc", Codec.H264);
    }
}
