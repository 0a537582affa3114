package io.lumen.itest.encoder.twin;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Set;

/**
 * A second real-time H.264 encoder for swap measurements at 720p and 1080p, where this machine has only one
 * (java-h264 runs far below 60 fps there, VAAPI and NVENC need hardware). Every session it opens is a new libav-x264
 * encoder, so a pin flip between {@code libav-x264} and {@code x264-twin} makes the session close one real encoder
 * and start another, as a flip between two backends does. Ranked below every backend: it encodes only when pinned.
 * It is bound statically to libav-x264, so it leaves when encode-libav does.
 */
@Component(property = "service.ranking:Integer=-100")
public final class X264TwinBackend implements EncoderBackend {

    private final EncoderBackend x264;

    @org.osgi.service.component.annotations.Activate
    public X264TwinBackend(
            @Reference(target = "(component.name=io.lumen.encode.libav.impl.X264Backend)") EncoderBackend x264) {
        this.x264 = x264;
    }

    @Override
    public String id() {
        return "x264-twin";
    }

    @Override
    public Probe probe() {
        return x264.probe();
    }

    @Override
    public Set<Codec> codecs() {
        return x264.codecs();
    }

    @Override
    public Set<Codec> tenBitCodecs() {
        return x264.tenBitCodecs();
    }

    @Override
    public List<String> profiles() {
        return x264.profiles();
    }

    @Override
    public Set<PixelFormat> inputFormats() {
        return x264.inputFormats();
    }

    @Override
    public boolean scalesInput() {
        return x264.scalesInput();
    }

    @Override
    public EncoderSession open(EncoderConfig config) throws BackendException {
        return x264.open(config);
    }
}
