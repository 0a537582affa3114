package io.lumen.encode.libav.impl;

import io.lumen.api.backend.Probe;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.media.Codec;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NVIDIA's hardware encoder through libavcodec (h264_nvenc, hevc_nvenc), fed from system memory like the software
 * encoders: the ultra-low-latency preset, CBR, no B-frames, IDR only on request. It needs the NVIDIA driver's
 * encode and CUDA libraries, and says so when they are missing. (A GPU-memory input path is the direct-NVENC
 * bundle's work.)
 */
abstract class NvencBackend extends LibavEncoderBackend {

    /** The driver libraries libavcodec opens at run time; looked for once per bundle start. */
    private static final String DRIVER = driverMissing();

    NvencBackend(Libav av, String encoder, Codec codec) {
        super(av, encoder, codec);
    }

    private static String driverMissing() {
        Arena arena = Arena.ofAuto();
        for (String library : new String[] {"libnvidia-encode.so.1", "libcuda.so.1"}) {
            NativeLibrary loaded = NativeLibrary.load(arena, library);
            if (!loaded.isAvailable()) {
                return "no NVIDIA driver (" + loaded.unavailableReason().orElse(library + " not found") + ")";
            }
        }
        return null;
    }

    @Override
    public Probe probe() {
        Probe libav = super.probe();
        if (!libav.available()) {
            return libav;
        }
        return DRIVER == null ? Probe.ok() : Probe.unavailable(DRIVER);
    }

    @Override
    Map<String, String> options(EncoderConfig config) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("time_base", "1/" + config.mode().fps());
        options.put("preset", "p1");
        options.put("tune", "ull");
        options.put("zerolatency", "1");
        options.put("delay", "0");
        options.put("rc", "cbr");
        options.put("bf", "0");
        options.put("g", String.valueOf(Integer.MAX_VALUE));
        options.put("forced-idr", "1");
        options.put("slices", String.valueOf(config.slices()));
        options.putAll(rate(config));
        return options;
    }

    @Override
    boolean reconfiguresBitrate() {
        return false; // reopened with a keyframe: the safe path on every driver generation
    }
}
