package io.lumen.encode.libav.impl;

import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.media.Codec;
import io.lumen.encode.libav.impl.ffm.Libav;
import org.osgi.service.component.annotations.Component;

/** H264 on the GPU through VAAPI; outranks the software encoders where a render node is present. */
@Component(service = EncoderBackend.class, property = "service.ranking:Integer=25")
public final class VaapiH264Backend extends VaapiBackend {

    public VaapiH264Backend() {
        super(Libav.system(), "h264_vaapi", Codec.H264);
    }
}
