package io.lumen.fec.leopard.impl;

import io.lumen.api.fec.FecCodec;
import io.lumen.fec.leopard.impl.gf8.Gf8Kernel;
import io.lumen.fec.leopard.impl.gf8.Rs8Codec;
import org.osgi.service.component.annotations.Component;

/** "rs8-moonlight-audio": the audio stream's 4 + 2 FEC with its fixed matrix. */
@Component(service = FecCodec.class, property = "fec.id=rs8-moonlight-audio")
public final class Rs8AudioService extends FecCodecService {

    public Rs8AudioService() {
        this(Kernels.gf8());
    }

    private Rs8AudioService(Gf8Kernel kernel) {
        super(Rs8Codec.moonlightAudio(kernel), kernel.name());
    }
}
