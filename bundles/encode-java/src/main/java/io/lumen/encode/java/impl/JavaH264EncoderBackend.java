package io.lumen.encode.java.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Set;

/**
 * The encoder that works on any machine: H.264 in pure Java (JCodec, embedded). Slow next to a native encoder,
 * so it ranks lowest and serves when nothing better is installed.
 */
@Component(property = "service.ranking:Integer=0")
public final class JavaH264EncoderBackend implements EncoderBackend {

    static final Set<PixelFormat> INPUT = Set.of(PixelFormat.BGRX, PixelFormat.RGBX, PixelFormat.BGRA,
            PixelFormat.RGBA, PixelFormat.I420);

    @Override
    public String id() {
        return "java-h264";
    }

    @Override
    public Probe probe() {
        return Probe.ok();
    }

    @Override
    public Set<Codec> codecs() {
        return Set.of(Codec.H264);
    }

    /** JCodec writes Baseline (CAVLC, no B-frames) without the constrained flag; the test checks it with ffprobe. */
    @Override
    public List<String> profiles() {
        return List.of("H264 Baseline");
    }

    @Override
    public Set<PixelFormat> inputFormats() {
        return INPUT;
    }

    @Override
    public EncoderSession open(EncoderConfig config) throws BackendException {
        if (config.codec() != Codec.H264) {
            throw new BackendException("java-h264 encodes H264 only, not " + config.codec());
        }
        if (config.tenBit()) {
            throw new BackendException("java-h264 encodes 8-bit only (no 10-bit for HDR)");
        }
        return new JavaH264Session(config);
    }
}
