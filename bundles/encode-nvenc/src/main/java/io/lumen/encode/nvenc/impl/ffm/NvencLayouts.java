package io.lumen.encode.nvenc.impl.ffm;

/**
 * Sizes and field offsets of the NVENC structs lumen fills, pinned to nvEncodeAPI.h 11.1 on x86-64 (the numbers
 * offsetof gave for the installed headers; NvencLayoutsTest holds them against that record). Only the fields lumen
 * writes or reads are named; everything else stays zero, which the API defines as "reserved / default".
 * Bitfields are given as the bit in their 32-bit word, because Java has no bitfields.
 */
public final class NvencLayouts {

    private NvencLayouts() {
    }

    public static final int GUID_SIZE = 16;

    /** NV_ENC_OPEN_ENCODE_SESSION_EX_PARAMS */
    public static final long OPEN_SESSION_SIZE = 1552;
    public static final long OPEN_SESSION_DEVICE_TYPE = 4;
    public static final long OPEN_SESSION_DEVICE = 8;
    public static final long OPEN_SESSION_API_VERSION = 24;

    /** NV_ENCODE_API_FUNCTION_LIST: version, reserved, then one pointer per slot (see {@link NvencFunctions}). */
    public static final long FUNCTION_LIST_SIZE = 2552;

    /** NV_ENC_PRESET_CONFIG */
    public static final long PRESET_CONFIG_SIZE = 5128;
    public static final long PRESET_CONFIG_CONFIG = 8;

    /** NV_ENC_CONFIG */
    public static final long CONFIG_SIZE = 3584;
    public static final long CONFIG_PROFILE_GUID = 4;
    public static final long CONFIG_GOP_LENGTH = 20;
    public static final long CONFIG_FRAME_INTERVAL_P = 24;
    public static final long CONFIG_RC = 40;
    public static final long CONFIG_CODEC = 168;

    /** NV_ENC_RC_PARAMS, relative to {@link #CONFIG_RC} */
    public static final long RC_MODE = 4;
    public static final long RC_AVERAGE_BITRATE = 20;
    public static final long RC_MAX_BITRATE = 24;
    public static final long RC_VBV_BUFFER_SIZE = 28;
    public static final long RC_VBV_INITIAL_DELAY = 32;
    /** The word of enableMinQP .. aqStrength; zeroReorderDelay is its bit 9. */
    public static final long RC_FLAGS = 36;
    public static final int RC_FLAG_ZERO_REORDER_DELAY = 1 << 9;
    public static final long RC_MULTI_PASS = 100;

    /** NV_ENC_CONFIG_H264, relative to {@link #CONFIG_CODEC}; word 0 holds the flags, repeatSPSPPS is bit 12. */
    public static final long H264_FLAGS = 0;
    public static final int H264_FLAG_REPEAT_SPS_PPS = 1 << 12;
    /** outputRecoveryPointSEI: a forced wave's first picture then says recovery_frame_cnt. */
    public static final int H264_FLAG_OUTPUT_RECOVERY_POINT_SEI = 1 << 9;
    public static final int H264_FLAG_ENABLE_INTRA_REFRESH = 1 << 10;
    public static final long H264_IDR_PERIOD = 8;
    public static final long H264_INTRA_REFRESH_PERIOD = 52;
    public static final long H264_INTRA_REFRESH_CNT = 56;
    public static final long H264_MAX_NUM_REF_FRAMES = 60;
    /** numRefL0, an NV_ENC_NUM_REF_FRAMES (0 autoselect, else the count up to 7). */
    public static final long H264_NUM_REF_L0 = 204;
    public static final long H264_SLICE_MODE = 64;
    public static final long H264_SLICE_MODE_DATA = 68;

    /** NV_ENC_CONFIG_HEVC, relative to {@link #CONFIG_CODEC}; the flags word: repeatSPSPPS bit 7, pixelBitDepthMinus8 bits 11..13. */
    public static final long HEVC_FLAGS = 16;
    public static final int HEVC_FLAG_REPEAT_SPS_PPS = 1 << 7;
    /** enableIntraRefresh; 11.1's HEVC config has no outputRecoveryPointSEI. */
    public static final int HEVC_FLAG_ENABLE_INTRA_REFRESH = 1 << 8;
    public static final int HEVC_PIXEL_BIT_DEPTH_MINUS8_SHIFT = 11;
    public static final int HEVC_PIXEL_BIT_DEPTH_MINUS8_MASK = 0x7 << HEVC_PIXEL_BIT_DEPTH_MINUS8_SHIFT;
    public static final long HEVC_IDR_PERIOD = 20;
    public static final long HEVC_INTRA_REFRESH_PERIOD = 24;
    public static final long HEVC_INTRA_REFRESH_CNT = 28;
    /** maxNumRefFramesInDPB */
    public static final long HEVC_MAX_NUM_REF_FRAMES = 32;
    public static final long HEVC_NUM_REF_L0 = 184;
    public static final long HEVC_SLICE_MODE = 52;
    public static final long HEVC_SLICE_MODE_DATA = 56;

    /** NV_ENC_INITIALIZE_PARAMS */
    public static final long INIT_SIZE = 1808;
    public static final long INIT_ENCODE_GUID = 4;
    public static final long INIT_PRESET_GUID = 20;
    public static final long INIT_WIDTH = 36;
    public static final long INIT_HEIGHT = 40;
    public static final long INIT_DAR_WIDTH = 44;
    public static final long INIT_DAR_HEIGHT = 48;
    public static final long INIT_FRAME_RATE_NUM = 52;
    public static final long INIT_FRAME_RATE_DEN = 56;
    public static final long INIT_ENABLE_ASYNC = 60;
    public static final long INIT_ENABLE_PTD = 64;
    public static final long INIT_ENCODE_CONFIG = 88;
    public static final long INIT_MAX_WIDTH = 96;
    public static final long INIT_MAX_HEIGHT = 100;
    public static final long INIT_TUNING_INFO = 136;

    /** NV_ENC_RECONFIGURE_PARAMS: version, the init params, then resetEncoder (bit 0) and forceIDR (bit 1). */
    public static final long RECONFIGURE_SIZE = 1824;
    public static final long RECONFIGURE_INIT = 8;
    public static final long RECONFIGURE_FLAGS = 1816;

    /** NV_ENC_CREATE_INPUT_BUFFER */
    public static final long CREATE_INPUT_SIZE = 776;
    public static final long CREATE_INPUT_WIDTH = 4;
    public static final long CREATE_INPUT_HEIGHT = 8;
    public static final long CREATE_INPUT_FORMAT = 16;
    public static final long CREATE_INPUT_BUFFER = 24;

    /** NV_ENC_CREATE_BITSTREAM_BUFFER */
    public static final long CREATE_BITSTREAM_SIZE = 776;
    public static final long CREATE_BITSTREAM_BUFFER = 16;

    /** NV_ENC_LOCK_INPUT_BUFFER */
    public static final long LOCK_INPUT_SIZE = 1544;
    public static final long LOCK_INPUT_BUFFER = 8;
    public static final long LOCK_INPUT_DATA = 16;
    public static final long LOCK_INPUT_PITCH = 24;

    /** NV_ENC_LOCK_BITSTREAM */
    public static final long LOCK_BITSTREAM_SIZE = 1544;
    public static final long LOCK_BITSTREAM_OUTPUT = 8;
    public static final long LOCK_BITSTREAM_BYTES = 36;
    public static final long LOCK_BITSTREAM_DATA = 56;
    public static final long LOCK_BITSTREAM_PICTURE_TYPE = 64;

    /** NV_ENC_PIC_PARAMS */
    public static final long PIC_SIZE = 3344;
    public static final long PIC_WIDTH = 4;
    public static final long PIC_HEIGHT = 8;
    public static final long PIC_PITCH = 12;
    public static final long PIC_FLAGS = 16;
    public static final long PIC_FRAME_IDX = 20;
    public static final long PIC_TIMESTAMP = 24;
    public static final long PIC_INPUT = 40;
    public static final long PIC_OUTPUT = 48;
    public static final long PIC_FORMAT = 64;
    public static final long PIC_STRUCT = 68;
    /** codecPicParams, the union of NV_ENC_PIC_PARAMS_H264 / _HEVC (8-aligned after pictureType). */
    public static final long PIC_CODEC = 80;
    /** forceIntraRefreshWithFrameCnt, relative to {@link #PIC_CODEC}: the H.264 and the HEVC view differ. */
    public static final long PIC_H264_FORCE_INTRA_REFRESH_CNT = 16;
    public static final long PIC_HEVC_FORCE_INTRA_REFRESH_CNT = 12;
}
