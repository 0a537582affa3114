package io.lumen.encode.nvenc.impl.ffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static io.lumen.encode.nvenc.impl.ffm.NvencLayouts.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The low-latency fields as they land in NV_ENC_CONFIG / NV_ENC_INITIALIZE_PARAMS memory, read back at the header's
 * offsets. The "preset" here is memory with some bits already set, as the driver's P1 answer would have them.
 * What could not run here: nvEncGetEncodePresetConfigEx and nvEncInitializeEncoder accepting the result (no GPU).
 */
class LowLatencyConfigTest {

    @Test
    void h264GetsAnInfiniteGopNoBFramesCbrWithAOneFrameVbvAndRepeatedParameterSets() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG_SIZE, 8);
            config.set(JAVA_INT, CONFIG_CODEC + H264_FLAGS, 0x3); // preset bits that must survive
            config.set(JAVA_INT, CONFIG_GOP_LENGTH, 250);
            config.set(JAVA_INT, CONFIG_FRAME_INTERVAL_P, 3);
            LowLatencyConfig.apply(config, new LowLatencyConfig.Settings(false, false, 20_000, 60, 4));

            assertEquals(NvencVersion.CONFIG, config.get(JAVA_INT, 0));
            assertTrue(NvencGuid.H264_PROFILE_HIGH.matches(config, CONFIG_PROFILE_GUID));
            assertEquals(0xFFFFFFFF, config.get(JAVA_INT, CONFIG_GOP_LENGTH));
            assertEquals(1, config.get(JAVA_INT, CONFIG_FRAME_INTERVAL_P));
            assertEquals(2, config.get(JAVA_INT, CONFIG_RC + RC_MODE), "CBR");
            assertEquals(20_000_000, config.get(JAVA_INT, CONFIG_RC + RC_AVERAGE_BITRATE));
            assertEquals(20_000_000, config.get(JAVA_INT, CONFIG_RC + RC_MAX_BITRATE));
            assertEquals(333_333, config.get(JAVA_INT, CONFIG_RC + RC_VBV_BUFFER_SIZE), "one frame at 60 fps");
            assertEquals(333_333, config.get(JAVA_INT, CONFIG_RC + RC_VBV_INITIAL_DELAY));
            assertEquals(0, config.get(JAVA_INT, CONFIG_RC + RC_MULTI_PASS));
            assertEquals(0x200, config.get(JAVA_INT, CONFIG_RC + RC_FLAGS), "zeroReorderDelay");
            assertEquals(0x1003, config.get(JAVA_INT, CONFIG_CODEC + H264_FLAGS), "repeatSPSPPS added, others kept");
            assertEquals(0xFFFFFFFF, config.get(JAVA_INT, CONFIG_CODEC + H264_IDR_PERIOD));
            assertEquals(3, config.get(JAVA_INT, CONFIG_CODEC + H264_SLICE_MODE));
            assertEquals(4, config.get(JAVA_INT, CONFIG_CODEC + H264_SLICE_MODE_DATA));
        }
    }

    @Test
    void hevcMain10SetsTheProfileAndTenBitDepth() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG_SIZE, 8);
            config.set(JAVA_INT, CONFIG_CODEC + HEVC_FLAGS, 0x200 | (7 << 11)); // chroma 4:2:0 kept, a stray depth cleared
            LowLatencyConfig.apply(config, new LowLatencyConfig.Settings(true, true, 50_000, 120, 1));

            assertTrue(NvencGuid.HEVC_PROFILE_MAIN10.matches(config, CONFIG_PROFILE_GUID));
            assertEquals(0x200 | 0x80 | 0x1000, config.get(JAVA_INT, CONFIG_CODEC + HEVC_FLAGS),
                    "chromaFormatIDC 1, repeatSPSPPS, pixelBitDepthMinus8 = 2");
            assertEquals(0xFFFFFFFF, config.get(JAVA_INT, CONFIG_CODEC + HEVC_IDR_PERIOD));
            assertEquals(3, config.get(JAVA_INT, CONFIG_CODEC + HEVC_SLICE_MODE));
            assertEquals(1, config.get(JAVA_INT, CONFIG_CODEC + HEVC_SLICE_MODE_DATA));
            assertEquals(416_666, config.get(JAVA_INT, CONFIG_RC + RC_VBV_BUFFER_SIZE));
            assertEquals(0, config.get(JAVA_INT, CONFIG_CODEC + H264_SLICE_MODE), "the H.264 view is left alone");
        }
    }

    @Test
    void hevcMainIsEightBit() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG_SIZE, 8);
            LowLatencyConfig.apply(config, new LowLatencyConfig.Settings(true, false, 10_000, 60, 2));
            assertTrue(NvencGuid.HEVC_PROFILE_MAIN.matches(config, CONFIG_PROFILE_GUID));
            assertEquals(0x80, config.get(JAVA_INT, CONFIG_CODEC + HEVC_FLAGS));
        }
    }

    @Test
    void h264IntraRefreshRunsWavesOfThePeriodWithRecoveryPointsAndOneReference() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG_SIZE, 8);
            LowLatencyConfig.apply(config, new LowLatencyConfig.Settings(false, false, 10_000, 60, 1, 1, 30));
            assertEquals(0x1000 | 0x400 | 0x200, config.get(JAVA_INT, CONFIG_CODEC + H264_FLAGS),
                    "repeatSPSPPS, enableIntraRefresh, outputRecoveryPointSEI");
            assertEquals(31, config.get(JAVA_INT, CONFIG_CODEC + H264_INTRA_REFRESH_PERIOD), "above the count");
            assertEquals(30, config.get(JAVA_INT, CONFIG_CODEC + H264_INTRA_REFRESH_CNT));
            assertEquals(1, config.get(JAVA_INT, CONFIG_CODEC + H264_MAX_NUM_REF_FRAMES));
            assertEquals(1, config.get(JAVA_INT, CONFIG_CODEC + H264_NUM_REF_L0));
            assertEquals(0xFFFFFFFF, config.get(JAVA_INT, CONFIG_GOP_LENGTH), "a period needs the infinite GOP");
        }
    }

    @Test
    void hevcKeepsFourReferencesForInvalidationAndLeavesL0ToTheDriver() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG_SIZE, 8);
            config.set(JAVA_INT, CONFIG_CODEC + HEVC_NUM_REF_L0, 1); // a preset's choice that must go
            LowLatencyConfig.apply(config, new LowLatencyConfig.Settings(true, false, 10_000, 60, 1, 4, 0));
            assertEquals(4, config.get(JAVA_INT, CONFIG_CODEC + HEVC_MAX_NUM_REF_FRAMES));
            assertEquals(0, config.get(JAVA_INT, CONFIG_CODEC + HEVC_NUM_REF_L0), "autoselect");
            assertEquals(0x80, config.get(JAVA_INT, CONFIG_CODEC + HEVC_FLAGS), "no intra refresh");
            assertEquals(0, config.get(JAVA_INT, CONFIG_CODEC + HEVC_INTRA_REFRESH_PERIOD));
        }
    }

    @Test
    void hevcIntraRefreshSetsItsOwnBitAndFields() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG_SIZE, 8);
            LowLatencyConfig.apply(config, new LowLatencyConfig.Settings(true, true, 10_000, 60, 1, 1, 60));
            assertEquals(0x80 | 0x100 | 0x1000, config.get(JAVA_INT, CONFIG_CODEC + HEVC_FLAGS));
            assertEquals(61, config.get(JAVA_INT, CONFIG_CODEC + HEVC_INTRA_REFRESH_PERIOD));
            assertEquals(60, config.get(JAVA_INT, CONFIG_CODEC + HEVC_INTRA_REFRESH_CNT));
            assertEquals(1, config.get(JAVA_INT, CONFIG_CODEC + HEVC_MAX_NUM_REF_FRAMES));
            assertEquals(1, config.get(JAVA_INT, CONFIG_CODEC + HEVC_NUM_REF_L0));
        }
    }

    @Test
    void thePresetsReferencesStayWhenNoneAreAsked() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG_SIZE, 8);
            config.set(JAVA_INT, CONFIG_CODEC + H264_MAX_NUM_REF_FRAMES, 3);
            LowLatencyConfig.apply(config, new LowLatencyConfig.Settings(false, false, 10_000, 60, 1));
            assertEquals(3, config.get(JAVA_INT, CONFIG_CODEC + H264_MAX_NUM_REF_FRAMES));
            assertEquals(0x1000, config.get(JAVA_INT, CONFIG_CODEC + H264_FLAGS));
        }
    }

    @Test
    void tenBitH264IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LowLatencyConfig.Settings(false, true, 10_000, 60, 1));
    }

    @Test
    void aBitrateChangeRewritesOnlyTheRate() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG_SIZE, 8);
            LowLatencyConfig.apply(config, new LowLatencyConfig.Settings(false, false, 20_000, 60, 1));
            LowLatencyConfig.rate(config, 6_000, 60);
            assertEquals(6_000_000, config.get(JAVA_INT, CONFIG_RC + RC_AVERAGE_BITRATE));
            assertEquals(100_000, config.get(JAVA_INT, CONFIG_RC + RC_VBV_BUFFER_SIZE));
            assertEquals(0xFFFFFFFF, config.get(JAVA_INT, CONFIG_GOP_LENGTH));
        }
    }

    @Test
    void initializeParamsAskForP1UltraLowLatencySynchronousWithPictureTypeDecision() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment config = arena.allocate(CONFIG_SIZE, 8);
            MemorySegment init = arena.allocate(INIT_SIZE, 8);
            LowLatencyConfig.initialize(init, NvencGuid.CODEC_HEVC, 1920, 1080, 60, config);
            assertEquals(NvencVersion.INITIALIZE_PARAMS, init.get(JAVA_INT, 0));
            assertTrue(NvencGuid.CODEC_HEVC.matches(init, INIT_ENCODE_GUID));
            assertTrue(NvencGuid.PRESET_P1.matches(init, INIT_PRESET_GUID));
            assertEquals(1920, init.get(JAVA_INT, INIT_WIDTH));
            assertEquals(1080, init.get(JAVA_INT, INIT_HEIGHT));
            assertEquals(60, init.get(JAVA_INT, INIT_FRAME_RATE_NUM));
            assertEquals(1, init.get(JAVA_INT, INIT_FRAME_RATE_DEN));
            assertEquals(0, init.get(JAVA_INT, INIT_ENABLE_ASYNC));
            assertEquals(1, init.get(JAVA_INT, INIT_ENABLE_PTD));
            assertEquals(config.address(), init.get(ADDRESS, INIT_ENCODE_CONFIG).address());
            assertEquals(3, init.get(JAVA_INT, INIT_TUNING_INFO));
        }
    }
}
