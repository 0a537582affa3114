package io.lumen.encode.nvenc.impl.ffm;

/** The enum values and flags of nvEncodeAPI.h 11.1 lumen uses (fixed by the API, checked in NvencLayoutsTest). */
public final class NvencConstants {

    private NvencConstants() {
    }

    /** NVENC_INFINITE_GOPLENGTH: no automatic keyframes (also used as the IDR period). */
    public static final int INFINITE_GOP = 0xFFFFFFFF;
    public static final int DEVICE_TYPE_CUDA = 1;
    public static final int TUNING_ULTRA_LOW_LATENCY = 3;
    public static final int RC_CBR = 2;
    public static final int MULTI_PASS_DISABLED = 0;
    /** sliceMode 3: sliceModeData is the number of slices per picture. */
    public static final int SLICE_MODE_COUNT = 3;
    public static final int PIC_STRUCT_FRAME = 1;
    /** NV_ENC_NUM_REF_FRAMES_AUTOSELECT and the largest count numRefL0 can name (NV_ENC_NUM_REF_FRAMES_7). */
    public static final int NUM_REF_AUTOSELECT = 0;
    public static final int NUM_REF_MAX = 7;
    public static final int PIC_TYPE_IDR = 3;
    public static final int PIC_FLAG_FORCEIDR = 0x2;
    public static final int PIC_FLAG_OUTPUT_SPSPPS = 0x4;

    public static final int BUFFER_FORMAT_NV12 = 0x00000001;
    /** A8R8G8B8 as a little-endian word: B, G, R, A in memory, i.e. the capture's BGRx/BGRA as they are. */
    public static final int BUFFER_FORMAT_ARGB = 0x01000000;
    /** A2R10G10B10 as a little-endian word. */
    public static final int BUFFER_FORMAT_ARGB10 = 0x02000000;
    /** A8B8G8R8 as a little-endian word: R, G, B, A in memory, the capture's RGBx/RGBA. */
    public static final int BUFFER_FORMAT_ABGR = 0x10000000;
    /** A2B10G10R10 as a little-endian word. */
    public static final int BUFFER_FORMAT_ABGR10 = 0x20000000;

    public static final int STATUS_SUCCESS = 0;
    public static final int STATUS_NEED_MORE_INPUT = 17;
}
