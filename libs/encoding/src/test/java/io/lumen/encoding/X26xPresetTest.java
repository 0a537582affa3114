package io.lumen.encoding;

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
}
