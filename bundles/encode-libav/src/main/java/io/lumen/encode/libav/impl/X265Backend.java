package io.lumen.encode.libav.impl;

import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.encode.libav.impl.ffm.Libav;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import java.util.Map;

/**
 * HEVC with x265: zero-latency tuning, infinite GOP with IDR on request (closed GOP: x265 otherwise makes requested
 * keyframes CRA pictures, which clients do not treat as a fresh start), headers repeated before each IDR.
 */
@Component(service = io.lumen.api.encode.EncoderBackend.class, property = "service.ranking:Integer=20")
public final class X265Backend extends LibavEncoderBackend {

    public X265Backend() {
        super(Libav.system(), "libx265", Codec.HEVC);
    }

    private static final System.Logger LOG = System.getLogger("lumen.encode.libav");

    private volatile String preset = X26xPreset.DEFAULT;

    @Activate
    void activate(BundleContext context) {
        preset = X26xPreset.choose(context.getProperty("lumen.x265.preset"), id(), LOG);
    }

    @Override
    Map<String, String> options(EncoderConfig config) {
        Map<String, String> options = x26x(config, preset);
        options.put("x265-params", "keyint=-1:open-gop=0:scenecut=0:bframes=0:log-level=error"
                + (config.slices() > 1 ? ":slices=" + config.slices() : ""));
        options.putAll(rate(config));
        return options;
    }

    @Override
    boolean reconfiguresBitrate() {
        return false; // FFmpeg 5.1's libx265 wrapper reads the rate only when it opens
    }
}
