package io.lumen.encode.libav.impl;

import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.encode.libav.impl.ffm.Libav;
import org.osgi.service.component.annotations.Component;

import java.util.Map;

/**
 * H.264 with x264: zero-latency tuning, no B-frames, IDR only on request, a slice per core at least; with intra
 * refresh asked, the picture refreshed in waves of intra columns instead of keyframes.
 */
@Component(service = EncoderBackend.class, property = "service.ranking:Integer=20")
public final class X264Backend extends X26xBackend {

    public X264Backend() {
        super(Libav.system(), "libx264", Codec.H264);
    }

    @Override
    void addOwnOptions(Map<String, String> options, EncoderConfig config) {
        options.put("bf", "0");
        // with intra refresh the GOP length is the wave's: a wave of intra columns sweeps the picture every period,
        // with no IDR after the first but the ones asked for (forced-idr keeps those IDR)
        options.put("g", String.valueOf(config.intraRefresh() ? config.intraRefreshFrames() : Integer.MAX_VALUE));
        if (config.intraRefresh()) {
            options.put("intra-refresh", "1");
        }
        // x264's zero-latency threading works slice by slice: one slice would leave every core but one idle, so at
        // least one slice per core (as Sunshine does); clients decode any slice count, the asked one is a minimum
        options.put("slices", String.valueOf(Math.max(config.slices(), Runtime.getRuntime().availableProcessors())));
        options.put("x264-params", "scenecut=0");
    }

    /** ultrafast turns CABAC and the 8x8 transform off, which leaves Constrained Baseline; faster presets give High. */
    @Override
    String eightBitProfile(Codec c) {
        return preset().equals("ultrafast") ? "Constrained Baseline" : "High";
    }

    @Override
    boolean refreshesInWaves(EncoderConfig config) {
        return config.intraRefresh();
    }

    @Override
    boolean reconfiguresBitrate() {
        return true; // libavcodec's libx264 wrapper calls x264_encoder_reconfig when the rate options change
    }
}
