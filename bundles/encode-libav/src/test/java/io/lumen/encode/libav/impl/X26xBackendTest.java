package io.lumen.encode.libav.impl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class X26xBackendTest {

    @Test
    void aChosenPresetReachesTheEncoderOptions() {
        var config = new io.lumen.api.encode.EncoderConfig(io.lumen.api.media.Codec.H264,
                new io.lumen.api.media.VideoMode(1280, 720, 60), 5000, 1, false);
        assertEquals("veryfast", X26xBackend.common(config, "veryfast").get("preset"));
        assertEquals("ultrafast", new X264Backend().options(config).get("preset"), "the default outside OSGi");
    }
}
