package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.gf16.Gf16Kernel;
import io.lumen.fec.leopard.impl.gf16.Leopard16Codec;
import org.osgi.service.component.annotations.Component;

/**
 * "leopard16": the codec of lumen's video FEC extension past Moonlight's 255-shard wall. protocol-moonlight offers
 * the scheme in RTSP to a client that asks for lumen's extensions (docs/leopard16-video.md); stock Moonlight
 * clients never ask, so they stream rs8-moonlight.
 */
@Component(service = FecCodec.class, property = "fec.id=leopard16")
public final class Leopard16Service extends FecCodecService {

    public Leopard16Service() {
        this(Kernels.gf16());
    }

    private Leopard16Service(Gf16Kernel kernel) {
        super(new Leopard16Codec(kernel), kernel.name());
    }
}
