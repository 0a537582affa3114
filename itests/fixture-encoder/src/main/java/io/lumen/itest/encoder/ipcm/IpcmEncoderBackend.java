package io.lumen.itest.encoder.ipcm;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import org.osgi.service.component.annotations.Component;

import java.util.Set;

/** A second real encoder for swap tests, ranked above java-h264. */
@Component(property = "service.ranking:Integer=50")
public final class IpcmEncoderBackend implements EncoderBackend {

    @Override
    public String id() {
        return "ipcm-h264";
    }

    @Override
    public Probe probe() {
        return Probe.ok();
    }

    @Override
    public Set<Codec> codecs() {
        return Set.of(Codec.H264);
    }

    @Override
    public Set<PixelFormat> inputFormats() {
        return Set.of(PixelFormat.BGRX, PixelFormat.RGBX, PixelFormat.BGRA, PixelFormat.RGBA);
    }

    @Override
    public EncoderSession open(EncoderConfig config) throws BackendException {
        if (config.codec() != Codec.H264 || config.tenBit()) {
            throw new BackendException("ipcm-h264 makes 8-bit H264 only");
        }
        return new IpcmSession(config.mode().width(), config.mode().height());
    }
}
