package io.lumen.encode.libav.impl;

import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.media.Codec;
import io.lumen.encode.libav.impl.ffm.Libav;
import org.osgi.service.component.annotations.Component;

/** HEVC on the GPU through VAAPI; outranks the software encoders where a render node is present. */
@Component(service = EncoderBackend.class, property = "service.ranking:Integer=25")
public final class VaapiHevcBackend extends VaapiBackend {

    public VaapiHevcBackend() {
        super(Libav.system(), "hevc_vaapi", Codec.HEVC);
    }
}
