package io.lumen.encode.nvenc.impl.ffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.lumen.encode.nvenc.impl.ffm.NvencLayouts.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * NV_ENC_PIC_PARAMS as lumen fills it, read back at the header's offsets: the timestamp a picture is invalidated by
 * later, the forced IDR, and the forced intra refresh wave in the H.264 and the HEVC view of the codec union.
 * What could not run here: nvEncEncodePicture taking the struct, and whether the driver starts the wave on that very
 * picture as the SDK's field description says (no NVIDIA GPU).
 */
class PictureParamsTest {

    private static final long H264_FORCE = PIC_CODEC + PIC_H264_FORCE_INTRA_REFRESH_CNT;
    private static final long HEVC_FORCE = PIC_CODEC + PIC_HEVC_FORCE_INTRA_REFRESH_CNT;

    @Test
    void thePictureCarriesItsAccessUnitNumberAsTheTimestamp() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pic = fill(arena, new PictureParams.Picture(5_000_000_123L, false, 0), false);
            assertEquals(NvencVersion.PIC_PARAMS, pic.get(JAVA_INT, 0));
            assertEquals(5_000_000_123L, pic.get(JAVA_LONG, PIC_TIMESTAMP), "inputTimeStamp, all 64 bits");
            assertEquals(0, pic.get(JAVA_INT, PIC_FLAGS));
            assertEquals(1280, pic.get(JAVA_INT, PIC_WIDTH));
            assertEquals(5120, pic.get(JAVA_INT, PIC_PITCH));
            assertEquals(NvencConstants.BUFFER_FORMAT_ARGB, pic.get(JAVA_INT, PIC_FORMAT));
            assertEquals(1, pic.get(JAVA_INT, PIC_STRUCT));
            assertEquals(0x1000, pic.get(ADDRESS, PIC_INPUT).address());
            assertEquals(0x2000, pic.get(ADDRESS, PIC_OUTPUT).address());
            assertEquals(0, pic.get(JAVA_INT, H264_FORCE));
        }
    }

    @Test
    void aWaveIsForcedInTheCodecsOwnField() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment h264 = fill(arena, new PictureParams.Picture(7, false, 30), false);
            assertEquals(30, h264.get(JAVA_INT, H264_FORCE));
            assertEquals(0, h264.get(JAVA_INT, HEVC_FORCE), "the HEVC view's field is H.264's colourPlaneId");
            MemorySegment hevc = fill(arena, new PictureParams.Picture(7, false, 30), true);
            assertEquals(30, hevc.get(JAVA_INT, HEVC_FORCE));
            assertEquals(0, hevc.get(JAVA_INT, H264_FORCE));
        }
    }

    @Test
    void anIdrAsksForParameterSetsAndNoWave() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pic = fill(arena, new PictureParams.Picture(0, true, 30), false);
            assertEquals(0x6, pic.get(JAVA_INT, PIC_FLAGS), "FORCEIDR | OUTPUT_SPSPPS");
            assertEquals(0, pic.get(JAVA_INT, H264_FORCE));
        }
    }

    private static MemorySegment fill(Arena arena, PictureParams.Picture picture, boolean hevc) {
        MemorySegment pic = arena.allocate(PIC_SIZE, 8);
        PictureParams.fill(pic, picture, hevc, 1280, 720, 5120, NvencConstants.BUFFER_FORMAT_ARGB,
                MemorySegment.ofAddress(0x1000), MemorySegment.ofAddress(0x2000));
        return pic;
    }
}
