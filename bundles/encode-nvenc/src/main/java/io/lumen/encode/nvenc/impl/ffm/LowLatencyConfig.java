package io.lumen.encode.nvenc.impl.ffm;

import java.lang.foreign.MemorySegment;

import static io.lumen.encode.nvenc.impl.ffm.NvencLayouts.*;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Turns the NV_ENC_CONFIG the driver returned for P1 + ULTRA_LOW_LATENCY into lumen's game-stream config, in place:
 * no automatic keyframes (infinite GOP and IDR period: the client asks for IDRs), no B-frames, CBR with a one-frame
 * VBV so no picture takes longer than a frame interval to send, parameter sets before every IDR so a client can
 * join at any keyframe, and the client's slice count. No driver is needed here, which is what makes it testable.
 */
public final class LowLatencyConfig {

    /**
     * @param hevc               HEVC instead of H.264
     * @param tenBit             HEVC Main 10 (H.264 10-bit is not offered: NVENC has no High 10)
     * @param references         the DPB size (maxNumRefFrames / maxNumRefFramesInDPB), 0 to keep the preset's
     * @param intraRefreshFrames 0 for keyframes only; else the length of an intra refresh wave in pictures
     */
    public record Settings(boolean hevc, boolean tenBit, int bitrateKbps, int fps, int slices, int references,
                           int intraRefreshFrames) {
        public Settings {
            if (tenBit && !hevc) {
                throw new IllegalArgumentException("NVENC encodes 10-bit only as HEVC Main 10");
            }
            if (references < 0 || intraRefreshFrames < 0) {
                throw new IllegalArgumentException("references and intra refresh must not be negative");
            }
        }

        /** The preset's references, no intra refresh. */
        public Settings(boolean hevc, boolean tenBit, int bitrateKbps, int fps, int slices) {
            this(hevc, tenBit, bitrateKbps, fps, slices, 0, 0);
        }
    }

    private LowLatencyConfig() {
    }

    /** Applies {@code settings} to the NV_ENC_CONFIG at {@code config} (CONFIG_SIZE bytes). */
    public static void apply(MemorySegment config, Settings settings) {
        config.set(JAVA_INT, 0, NvencVersion.CONFIG);
        profile(settings).writeTo(config, CONFIG_PROFILE_GUID);
        config.set(JAVA_INT, CONFIG_GOP_LENGTH, NvencConstants.INFINITE_GOP);
        config.set(JAVA_INT, CONFIG_FRAME_INTERVAL_P, 1);
        rate(config, settings.bitrateKbps(), settings.fps());
        long codec = CONFIG_CODEC;
        if (settings.hevc()) {
            int flags = config.get(JAVA_INT, codec + HEVC_FLAGS) | HEVC_FLAG_REPEAT_SPS_PPS;
            flags &= ~HEVC_PIXEL_BIT_DEPTH_MINUS8_MASK;
            flags |= (settings.tenBit() ? 2 : 0) << HEVC_PIXEL_BIT_DEPTH_MINUS8_SHIFT;
            config.set(JAVA_INT, codec + HEVC_FLAGS, flags);
            config.set(JAVA_INT, codec + HEVC_IDR_PERIOD, NvencConstants.INFINITE_GOP);
            config.set(JAVA_INT, codec + HEVC_SLICE_MODE, NvencConstants.SLICE_MODE_COUNT);
            config.set(JAVA_INT, codec + HEVC_SLICE_MODE_DATA, settings.slices());
            healing(config, settings, codec + HEVC_FLAGS, HEVC_FLAG_ENABLE_INTRA_REFRESH, codec + HEVC_INTRA_REFRESH_PERIOD,
                    codec + HEVC_INTRA_REFRESH_CNT, codec + HEVC_MAX_NUM_REF_FRAMES, codec + HEVC_NUM_REF_L0);
        } else {
            config.set(JAVA_INT, codec + H264_FLAGS, config.get(JAVA_INT, codec + H264_FLAGS) | H264_FLAG_REPEAT_SPS_PPS);
            config.set(JAVA_INT, codec + H264_IDR_PERIOD, NvencConstants.INFINITE_GOP);
            config.set(JAVA_INT, codec + H264_SLICE_MODE, NvencConstants.SLICE_MODE_COUNT);
            config.set(JAVA_INT, codec + H264_SLICE_MODE_DATA, settings.slices());
            healing(config, settings, codec + H264_FLAGS,
                    H264_FLAG_ENABLE_INTRA_REFRESH | H264_FLAG_OUTPUT_RECOVERY_POINT_SEI, codec + H264_INTRA_REFRESH_PERIOD,
                    codec + H264_INTRA_REFRESH_CNT, codec + H264_MAX_NUM_REF_FRAMES, codec + H264_NUM_REF_L0);
        }
    }

    /**
     * The reference pictures and the intra refresh, at the codec's offsets. A DPB of more than one picture is what
     * lets nvEncInvalidateRefFrames fall back on an older picture; the L0 list is left to the driver then (it
     * searches the pictures still valid), and pinned to 1 when the client's decoder takes only one. Intra refresh
     * runs in periodic waves of the configured length, one picture apart (the count must stay below the period),
     * so a picture no client reported lost still heals; refreshIntra() forces a wave at once on top.
     */
    private static void healing(MemorySegment config, Settings settings, long flagsAt, int intraRefreshFlags,
                                long periodAt, long countAt, long dpbAt, long refL0At) {
        if (settings.references() > 0) {
            config.set(JAVA_INT, dpbAt, settings.references());
            config.set(JAVA_INT, refL0At, settings.references() == 1 ? 1 : NvencConstants.NUM_REF_AUTOSELECT);
        }
        if (settings.intraRefreshFrames() > 0) {
            config.set(JAVA_INT, flagsAt, config.get(JAVA_INT, flagsAt) | intraRefreshFlags);
            config.set(JAVA_INT, periodAt, settings.intraRefreshFrames() + 1);
            config.set(JAVA_INT, countAt, settings.intraRefreshFrames());
        }
    }

    /**
     * CBR at the target with the VBV one frame's worth of bits, single pass, no reordering delay. Also what a
     * bitrate change rewrites before nvEncReconfigureEncoder.
     */
    public static void rate(MemorySegment config, int bitrateKbps, int fps) {
        long rc = CONFIG_RC;
        int bits = Math.toIntExact(bitrateKbps * 1000L);
        int frameBits = bits / fps;
        config.set(JAVA_INT, rc + RC_MODE, NvencConstants.RC_CBR);
        config.set(JAVA_INT, rc + RC_AVERAGE_BITRATE, bits);
        config.set(JAVA_INT, rc + RC_MAX_BITRATE, bits);
        config.set(JAVA_INT, rc + RC_VBV_BUFFER_SIZE, frameBits);
        config.set(JAVA_INT, rc + RC_VBV_INITIAL_DELAY, frameBits);
        config.set(JAVA_INT, rc + RC_MULTI_PASS, NvencConstants.MULTI_PASS_DISABLED);
        config.set(JAVA_INT, rc + RC_FLAGS, config.get(JAVA_INT, rc + RC_FLAGS) | RC_FLAG_ZERO_REORDER_DELAY);
    }

    /** H.264 High (what P1 picks for 4:2:0 anyway, named so profiles() is exact), HEVC Main or Main 10. */
    public static NvencGuid profile(Settings settings) {
        if (!settings.hevc()) {
            return NvencGuid.H264_PROFILE_HIGH;
        }
        return settings.tenBit() ? NvencGuid.HEVC_PROFILE_MAIN10 : NvencGuid.HEVC_PROFILE_MAIN;
    }

    /**
     * NV_ENC_INITIALIZE_PARAMS for {@code config}: synchronous, the encoder deciding picture types (PTD, so a
     * forced IDR is honoured), P1 with ULTRA_LOW_LATENCY tuning, no resolution change without reopening.
     */
    public static void initialize(MemorySegment init, NvencGuid codec, int width, int height, int fps,
                                  MemorySegment config) {
        init.set(JAVA_INT, 0, NvencVersion.INITIALIZE_PARAMS);
        codec.writeTo(init, INIT_ENCODE_GUID);
        NvencGuid.PRESET_P1.writeTo(init, INIT_PRESET_GUID);
        init.set(JAVA_INT, INIT_WIDTH, width);
        init.set(JAVA_INT, INIT_HEIGHT, height);
        init.set(JAVA_INT, INIT_DAR_WIDTH, width);
        init.set(JAVA_INT, INIT_DAR_HEIGHT, height);
        init.set(JAVA_INT, INIT_FRAME_RATE_NUM, fps);
        init.set(JAVA_INT, INIT_FRAME_RATE_DEN, 1);
        init.set(JAVA_INT, INIT_ENABLE_ASYNC, 0);
        init.set(JAVA_INT, INIT_ENABLE_PTD, 1);
        init.set(java.lang.foreign.ValueLayout.ADDRESS, INIT_ENCODE_CONFIG, config);
        init.set(JAVA_INT, INIT_MAX_WIDTH, width);
        init.set(JAVA_INT, INIT_MAX_HEIGHT, height);
        init.set(JAVA_INT, INIT_TUNING_INFO, NvencConstants.TUNING_ULTRA_LOW_LATENCY);
    }
}
