package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.gf8.Gf8Kernel;
import io.lumen.fec.leopard.impl.gf8.Rs8Codec;
import org.osgi.service.component.annotations.Component;

/** "rs8-moonlight": the video stream's FEC, as every Moonlight client decodes it. */
@Component(service = FecCodec.class, property = "fec.id=rs8-moonlight")
public final class Rs8MoonlightService extends FecCodecService {

    public Rs8MoonlightService() {
        this(Kernels.gf8());
    }

    private Rs8MoonlightService(Gf8Kernel kernel) {
        super(Rs8Codec.moonlight(kernel), kernel.name());
    }
}
