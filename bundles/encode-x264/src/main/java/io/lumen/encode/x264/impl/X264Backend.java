package io.lumen.encode.x264.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.Codec;
import io.lumen.api.media.PixelFormat;
import io.lumen.encode.x264.impl.ffm.X264Library;
import io.lumen.encoding.PictureConverter;
import io.lumen.encoding.Swscale;
import io.lumen.encoding.X26xPreset;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Set;

/**
 * H.264 from libx264 itself rather than through libavcodec, for the two calls libavcodec's wrapper hides:
 * x264_encoder_invalidate_reference (answering a client's reference-frame invalidation) and
 * x264_encoder_intra_refresh (a wave of intra refresh instead of a keyframe). The picture is libav-x264's: the same
 * preset ({@code lumen.x264.preset}), zero-latency settings, rate control and conversion.
 */
@Component(service = EncoderBackend.class, property = "service.ranking:Integer=" + X264Backend.RANKING)
public final class X264Backend implements EncoderBackend {

    /** Below libav-x264's 20: see the README's "Ranking" for the measurement. */
    static final int RANKING = 19;

    private static final System.Logger LOG = System.getLogger("lumen.encode.x264");

    private final X264Library x264;
    private final Swscale swscale;
    private volatile String preset = X26xPreset.DEFAULT;
    private volatile int references = X264Settings.DEFAULT_REFERENCES;

    public X264Backend() {
        this(X264Library.system(), Swscale.system());
    }

    X264Backend(X264Library x264, Swscale swscale) {
        this.x264 = x264;
        this.swscale = swscale;
    }

    /** With settings an operator would give in conf/lumen.properties (tools/encoder-bench's X264Bench). */
    X264Backend(X264Library x264, Swscale swscale, String preset, int references) {
        this(x264, swscale);
        this.preset = preset;
        this.references = references;
    }

    @Activate
    void activate(BundleContext context) {
        preset = X26xPreset.choose(context.getProperty("lumen.x264.preset"), id(), LOG);
        references = X264Settings.references(context.getProperty("lumen.x264.refs"), LOG);
    }

    @Override
    public String id() {
        return "x264";
    }

    @Override
    public Probe probe() {
        if (!x264.isAvailable()) {
            return Probe.unavailable(x264.unavailableReason().orElseThrow());
        }
        return swscale.isAvailable() ? Probe.ok() : Probe.unavailable(swscale.unavailableReason().orElseThrow());
    }

    @Override
    public Set<Codec> codecs() {
        return probe().available() ? Set.of(Codec.H264) : Set.of();
    }

    @Override
    public Set<Codec> tenBitCodecs() {
        return codecs();
    }

    /** As libav-x264: ultrafast turns CABAC and the 8x8 transform off, which leaves Constrained Baseline. */
    @Override
    public List<String> profiles() {
        return codecs().isEmpty() ? List.of()
                : List.of("H264 " + (preset.equals("ultrafast") ? "Constrained Baseline" : "High"), "H264 High 10");
    }

    @Override
    public Set<PixelFormat> inputFormats() {
        return PictureConverter.SOURCES;
    }

    /** libswscale scales in the pass that converts into x264's picture anyway. */
    @Override
    public boolean scalesInput() {
        return true;
    }

    String preset() {
        return preset;
    }

    @Override
    public EncoderSession open(EncoderConfig config) throws BackendException {
        Probe probe = probe();
        if (!probe.available()) {
            throw new BackendException(id() + " is " + probe);
        }
        if (config.codec() != Codec.H264) {
            throw new BackendException(id() + " encodes H264, not " + config.codec());
        }
        return new X264Session(x264, swscale, id(), new X264Settings(config, preset, references));
    }
}
