package io.lumen.encode.libav.impl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class X26xPresetTest {

    private static final System.Logger LOG = System.getLogger("test");

    @Test
    void anOperatorsPresetIsTakenAndAMistakeFallsBackToTheDefault() {
        assertEquals("ultrafast", X26xPreset.choose(null, "libav-x264", LOG));
        assertEquals("ultrafast", X26xPreset.choose("  ", "libav-x264", LOG));
        assertEquals("superfast", X26xPreset.choose(" superfast ", "libav-x264", LOG));
        assertEquals("ultrafast", X26xPreset.choose("warp9", "libav-x264", LOG), "an unknown name is not passed on");
    }

    @Test
    void aChosenPresetReachesTheEncoderOptions() {
        var config = new io.lumen.api.encode.EncoderConfig(io.lumen.api.media.Codec.H264,
                new io.lumen.api.media.VideoMode(1280, 720, 60), 5000, 1, false);
        assertEquals("veryfast", X26xBackend.common(config, "veryfast").get("preset"));
        assertEquals("ultrafast", new X264Backend().options(config).get("preset"), "the default outside OSGi");
    }
}
