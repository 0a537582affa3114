package io.lumen.encode.x264.impl.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;

/**
 * An x264_param_t of the caller's arena, filled by name: the speed preset and tuning, then settings as x264's own
 * parser reads them (the names of x264's command line), then the profile's limits. Only the picture size and bit
 * depth are written by offset, as no name sets them, and only after x264_param2string confirmed the offsets.
 */
final class X264Params {

    private X264Params() {
    }

    /**
     * A parameter set for {@code width}x{@code height} pictures of {@code bitDepth} bits: {@code preset} and
     * {@code tune}, then {@code settings} in order, then {@code profile}.
     */
    static MemorySegment build(X264Library x264, Arena arena, String preset, String tune, int width, int height,
                               int bitDepth, Map<String, String> settings, String profile) throws X264Exception {
        MemorySegment param = arena.allocate(X264Layouts.PARAM_BYTES, 16);
        try {
            if ((int) x264.paramDefaultPreset.invokeExact(param, arena.allocateFrom(preset),
                    arena.allocateFrom(tune)) < 0) {
                throw new X264Exception("x264 refuses preset " + preset + " with tune " + tune);
            }
        } catch (X264Exception e) {
            throw e;
        } catch (Throwable e) {
            throw new X264Exception("x264_param_default_preset: " + e);
        }
        param.set(ValueLayout.JAVA_INT, X264Layouts.PARAM_WIDTH, width);
        param.set(ValueLayout.JAVA_INT, X264Layouts.PARAM_HEIGHT, height);
        param.set(ValueLayout.JAVA_INT, X264Layouts.PARAM_BITDEPTH, bitDepth);
        checkHead(x264, param, width, height, bitDepth);
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            parse(x264, arena, param, setting.getKey(), setting.getValue());
        }
        try {
            if ((int) x264.paramApplyProfile.invokeExact(param, arena.allocateFrom(profile)) < 0) {
                throw new X264Exception("x264 cannot hold these settings to profile " + profile);
            }
        } catch (X264Exception e) {
            throw e;
        } catch (Throwable e) {
            throw new X264Exception("x264_param_apply_profile: " + e);
        }
        return param;
    }

    /** Sets one setting by its x264 name ("bitrate", "vbv-maxrate"); a name or value x264 refuses is an error. */
    static void parse(X264Library x264, Arena arena, MemorySegment param, String name, String value)
            throws X264Exception {
        int result;
        try {
            result = (int) x264.paramParse.invokeExact(param, arena.allocateFrom(name), arena.allocateFrom(value));
        } catch (Throwable e) {
            throw new X264Exception("x264_param_parse " + name + ": " + e);
        }
        if (result != 0) {
            throw new X264Exception("x264 refuses " + name + "=" + value + (result == -1 ? " (unknown name)"
                    : " (bad value)"));
        }
    }

    /** x264's own rendering of the size and depth must show what was written, or the offsets are not this build's. */
    private static void checkHead(X264Library x264, MemorySegment param, int width, int height, int bitDepth)
            throws X264Exception {
        String text;
        try {
            MemorySegment rendered = (MemorySegment) x264.paramToString.invokeExact(param, 1);
            if (rendered.equals(MemorySegment.NULL)) {
                throw new X264Exception("x264_param2string returned nothing");
            }
            text = rendered.reinterpret(Integer.MAX_VALUE).getString(0);
            x264.free.invokeExact(rendered);
        } catch (X264Exception e) {
            throw e;
        } catch (Throwable e) {
            throw new X264Exception("x264_param2string: " + e);
        }
        if (!text.startsWith(width + "x" + height + " ") || !text.contains(" bitdepth=" + bitDepth + " ")) {
            throw new X264Exception("this libx264's x264_param_t does not hold the size and depth where build "
                    + X264Layouts.BUILD + " does (it reads back \"" + text.substring(0, Math.min(80, text.length()))
                    + "\")");
        }
    }

    /** Frees what x264_param_parse allocated inside {@code param}. */
    static void cleanup(X264Library x264, MemorySegment param) {
        try {
            x264.paramCleanup.invokeExact(param);
        } catch (Throwable e) {
            throw new IllegalStateException("x264_param_cleanup: " + e, e);
        }
    }
}
