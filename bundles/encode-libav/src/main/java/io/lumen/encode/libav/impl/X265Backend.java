package io.lumen.encode.libav.impl;

import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.encode.libav.impl.ffm.Libav;
import org.osgi.service.component.annotations.Component;

import java.util.Map;

/**
 * HEVC with x265: zero-latency tuning, infinite GOP with IDR on request (closed GOP and forced IDR: x265 otherwise
 * makes requested keyframes CRA pictures, which clients do not treat as a fresh start), headers repeated before each
 * IDR, and no "info" SEI: x265's is over 2 KB, which pushes the IDR slice out of the first packet, where Moonlight
 * clients look for it (they then wait for an IDR forever; Sunshine turns it off for the same reason).
 */
@Component(service = EncoderBackend.class, property = "service.ranking:Integer=20")
public final class X265Backend extends X26xBackend {

    public X265Backend() {
        super(Libav.system(), "libx265", Codec.HEVC);
    }

    @Override
    void addOwnOptions(Map<String, String> options, EncoderConfig config) {
        options.put("forced-idr", "1");
        options.put("x265-params", "keyint=-1:open-gop=0:scenecut=0:bframes=0:info=0:log-level=error"
                + (config.slices() > 1 ? ":slices=" + config.slices() : ""));
    }

    @Override
    boolean reconfiguresBitrate() {
        return false; // FFmpeg 5.1's libx265 wrapper reads the rate only when it opens
    }
}
