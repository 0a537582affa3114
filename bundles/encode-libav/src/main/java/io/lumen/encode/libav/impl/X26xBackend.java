package io.lumen.encode.libav.impl;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.encoding.X26xPreset;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The x264/x265 family: the same zero-latency settings and the same operator-chosen speed preset
 * ({@code lumen.x264.preset}, {@code lumen.x265.preset}), each encoder adding its own options.
 */
abstract class X26xBackend extends LibavEncoderBackend {

    private static final System.Logger LOG = System.getLogger("lumen.encode.libav");

    private volatile String preset = X26xPreset.DEFAULT;

    X26xBackend(Libav av, String encoder, Codec codec) {
        super(av, encoder, codec);
    }

    @Activate
    void activate(BundleContext context) {
        // "libx264" is set with lumen.x264.preset
        preset = X26xPreset.choose(context.getProperty("lumen." + encoderName().substring(3) + ".preset"), id(), LOG);
    }

    String preset() {
        return preset;
    }

    @Override
    final Map<String, String> options(EncoderConfig config) {
        Map<String, String> options = common(config, preset);
        addOwnOptions(options, config);
        options.putAll(rate(config));
        return options;
    }

    /** What only this encoder is told, after the family's settings and before the rate. */
    abstract void addOwnOptions(Map<String, String> options, EncoderConfig config);

    /**
     * What every x26x encoder is told first: the frame clock, the speed preset, zero-latency tuning with
     * IDR on request and as many threads as the encoder picks for the cores (libavcodec's default is one).
     */
    static Map<String, String> common(EncoderConfig config, String preset) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("time_base", "1/" + config.mode().fps());
        options.put("preset", preset);
        options.put("tune", "zerolatency");
        options.put("forced-idr", "1");
        options.put("threads", "0");
        return options;
    }
}
