package io.lumen.encode.nvenc.impl.ffm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pinned layout facts against nvEncodeAPI.h 11.1 (FFmpeg nv-codec-headers 11.1.5.2, Debian libffmpeg-nvenc-dev):
 * every number below was printed by a C program using sizeof/offsetof and the version macros on x86-64 with gcc,
 * kept outside the repository. A changed constant in NvencLayouts/NvencVersion/NvencFunctions/NvencGuid fails here.
 * What could not run here: whether a real driver accepts these structs (no NVIDIA GPU on this machine).
 */
class NvencLayoutsTest {

    @Test
    void structSizesMatchTheHeaders() {
        assertEquals(1552, NvencLayouts.OPEN_SESSION_SIZE);
        assertEquals(2552, NvencLayouts.FUNCTION_LIST_SIZE);
        assertEquals(5128, NvencLayouts.PRESET_CONFIG_SIZE);
        assertEquals(3584, NvencLayouts.CONFIG_SIZE);
        assertEquals(1808, NvencLayouts.INIT_SIZE);
        assertEquals(1824, NvencLayouts.RECONFIGURE_SIZE);
        assertEquals(776, NvencLayouts.CREATE_INPUT_SIZE);
        assertEquals(776, NvencLayouts.CREATE_BITSTREAM_SIZE);
        assertEquals(1544, NvencLayouts.LOCK_INPUT_SIZE);
        assertEquals(1544, NvencLayouts.LOCK_BITSTREAM_SIZE);
        assertEquals(3344, NvencLayouts.PIC_SIZE);
        assertEquals(16, NvencLayouts.GUID_SIZE);
        assertEquals(16, NvencGuid.LAYOUT.byteSize());
    }

    @Test
    void fieldOffsetsMatchTheHeaders() {
        assertEquals(4, NvencLayouts.OPEN_SESSION_DEVICE_TYPE);
        assertEquals(8, NvencLayouts.OPEN_SESSION_DEVICE);
        assertEquals(24, NvencLayouts.OPEN_SESSION_API_VERSION);
        assertEquals(8, NvencLayouts.PRESET_CONFIG_CONFIG);
        // NV_ENC_CONFIG
        assertEquals(4, NvencLayouts.CONFIG_PROFILE_GUID);
        assertEquals(20, NvencLayouts.CONFIG_GOP_LENGTH);
        assertEquals(24, NvencLayouts.CONFIG_FRAME_INTERVAL_P);
        assertEquals(40, NvencLayouts.CONFIG_RC);
        assertEquals(168, NvencLayouts.CONFIG_CODEC);
        // NV_ENC_RC_PARAMS (128 bytes)
        assertEquals(4, NvencLayouts.RC_MODE);
        assertEquals(20, NvencLayouts.RC_AVERAGE_BITRATE);
        assertEquals(24, NvencLayouts.RC_MAX_BITRATE);
        assertEquals(28, NvencLayouts.RC_VBV_BUFFER_SIZE);
        assertEquals(32, NvencLayouts.RC_VBV_INITIAL_DELAY);
        assertEquals(36, NvencLayouts.RC_FLAGS);
        assertEquals(100, NvencLayouts.RC_MULTI_PASS);
        // NV_ENC_CONFIG_H264 / _HEVC
        assertEquals(8, NvencLayouts.H264_IDR_PERIOD);
        assertEquals(60, NvencLayouts.H264_MAX_NUM_REF_FRAMES);
        assertEquals(64, NvencLayouts.H264_SLICE_MODE);
        assertEquals(68, NvencLayouts.H264_SLICE_MODE_DATA);
        assertEquals(16, NvencLayouts.HEVC_FLAGS);
        assertEquals(20, NvencLayouts.HEVC_IDR_PERIOD);
        assertEquals(32, NvencLayouts.HEVC_MAX_NUM_REF_FRAMES);
        assertEquals(52, NvencLayouts.HEVC_SLICE_MODE);
        assertEquals(56, NvencLayouts.HEVC_SLICE_MODE_DATA);
        // NV_ENC_INITIALIZE_PARAMS
        assertEquals(4, NvencLayouts.INIT_ENCODE_GUID);
        assertEquals(20, NvencLayouts.INIT_PRESET_GUID);
        assertEquals(36, NvencLayouts.INIT_WIDTH);
        assertEquals(40, NvencLayouts.INIT_HEIGHT);
        assertEquals(44, NvencLayouts.INIT_DAR_WIDTH);
        assertEquals(48, NvencLayouts.INIT_DAR_HEIGHT);
        assertEquals(52, NvencLayouts.INIT_FRAME_RATE_NUM);
        assertEquals(56, NvencLayouts.INIT_FRAME_RATE_DEN);
        assertEquals(60, NvencLayouts.INIT_ENABLE_ASYNC);
        assertEquals(64, NvencLayouts.INIT_ENABLE_PTD);
        assertEquals(88, NvencLayouts.INIT_ENCODE_CONFIG);
        assertEquals(96, NvencLayouts.INIT_MAX_WIDTH);
        assertEquals(100, NvencLayouts.INIT_MAX_HEIGHT);
        assertEquals(136, NvencLayouts.INIT_TUNING_INFO);
        assertEquals(8, NvencLayouts.RECONFIGURE_INIT);
        assertEquals(1816, NvencLayouts.RECONFIGURE_FLAGS);
        // buffers
        assertEquals(4, NvencLayouts.CREATE_INPUT_WIDTH);
        assertEquals(8, NvencLayouts.CREATE_INPUT_HEIGHT);
        assertEquals(16, NvencLayouts.CREATE_INPUT_FORMAT);
        assertEquals(24, NvencLayouts.CREATE_INPUT_BUFFER);
        assertEquals(16, NvencLayouts.CREATE_BITSTREAM_BUFFER);
        assertEquals(8, NvencLayouts.LOCK_INPUT_BUFFER);
        assertEquals(16, NvencLayouts.LOCK_INPUT_DATA);
        assertEquals(24, NvencLayouts.LOCK_INPUT_PITCH);
        assertEquals(8, NvencLayouts.LOCK_BITSTREAM_OUTPUT);
        assertEquals(36, NvencLayouts.LOCK_BITSTREAM_BYTES);
        assertEquals(56, NvencLayouts.LOCK_BITSTREAM_DATA);
        assertEquals(64, NvencLayouts.LOCK_BITSTREAM_PICTURE_TYPE);
        // NV_ENC_PIC_PARAMS
        assertEquals(4, NvencLayouts.PIC_WIDTH);
        assertEquals(8, NvencLayouts.PIC_HEIGHT);
        assertEquals(12, NvencLayouts.PIC_PITCH);
        assertEquals(16, NvencLayouts.PIC_FLAGS);
        assertEquals(20, NvencLayouts.PIC_FRAME_IDX);
        assertEquals(24, NvencLayouts.PIC_TIMESTAMP);
        assertEquals(40, NvencLayouts.PIC_INPUT);
        assertEquals(48, NvencLayouts.PIC_OUTPUT);
        assertEquals(64, NvencLayouts.PIC_FORMAT);
        assertEquals(68, NvencLayouts.PIC_STRUCT);
    }

    /** The fields reference invalidation and intra refresh write, printed by the same kind of C program. */
    @Test
    void healingFieldsMatchTheHeaders() {
        assertEquals(52, NvencLayouts.H264_INTRA_REFRESH_PERIOD);
        assertEquals(56, NvencLayouts.H264_INTRA_REFRESH_CNT);
        assertEquals(60, NvencLayouts.H264_MAX_NUM_REF_FRAMES);
        assertEquals(204, NvencLayouts.H264_NUM_REF_L0);
        assertEquals(24, NvencLayouts.HEVC_INTRA_REFRESH_PERIOD);
        assertEquals(28, NvencLayouts.HEVC_INTRA_REFRESH_CNT);
        assertEquals(32, NvencLayouts.HEVC_MAX_NUM_REF_FRAMES);
        assertEquals(184, NvencLayouts.HEVC_NUM_REF_L0);
        assertEquals(80, NvencLayouts.PIC_CODEC, "offsetof(NV_ENC_PIC_PARAMS, codecPicParams)");
        assertEquals(16, NvencLayouts.PIC_H264_FORCE_INTRA_REFRESH_CNT);
        assertEquals(12, NvencLayouts.PIC_HEVC_FORCE_INTRA_REFRESH_CNT);
        assertEquals(0x00000200, NvencLayouts.H264_FLAG_OUTPUT_RECOVERY_POINT_SEI);
        assertEquals(0x00000400, NvencLayouts.H264_FLAG_ENABLE_INTRA_REFRESH);
        assertEquals(0x00000100, NvencLayouts.HEVC_FLAG_ENABLE_INTRA_REFRESH);
        assertEquals(0, NvencConstants.NUM_REF_AUTOSELECT);
        assertEquals(7, NvencConstants.NUM_REF_MAX);
        // offsetof(NV_ENCODE_API_FUNCTION_LIST, nvEncInvalidateRefFrames) was 232
        assertEquals(232 / 8, NvencFunctions.SLOT_INVALIDATE_REF_FRAMES);
    }

    /** The C program set each bitfield alone in a zeroed struct and printed its 32-bit word. */
    @Test
    void bitfieldsSitWhereGccPutsThem() {
        assertEquals(0x00000200, NvencLayouts.RC_FLAG_ZERO_REORDER_DELAY);
        assertEquals(0x00001000, NvencLayouts.H264_FLAG_REPEAT_SPS_PPS);
        assertEquals(0x00000080, NvencLayouts.HEVC_FLAG_REPEAT_SPS_PPS);
        assertEquals(0x00001000, 2 << NvencLayouts.HEVC_PIXEL_BIT_DEPTH_MINUS8_SHIFT, "pixelBitDepthMinus8 = 2");
        assertEquals(0x00003800, NvencLayouts.HEVC_PIXEL_BIT_DEPTH_MINUS8_MASK, "3 bits from bit 11");
    }

    @Test
    void versionWordsMatchTheMacros() {
        assertEquals(0x0100000b, NvencVersion.API);
        assertEquals(0x7101000b, NvencVersion.OPEN_ENCODE_SESSION_EX_PARAMS);
        assertEquals(0x7102000b, NvencVersion.FUNCTION_LIST);
        assertEquals(0xf104000b, NvencVersion.PRESET_CONFIG);
        assertEquals(0xf107000b, NvencVersion.CONFIG);
        assertEquals(0xf105000b, NvencVersion.INITIALIZE_PARAMS);
        assertEquals(0xf101000b, NvencVersion.RECONFIGURE_PARAMS);
        assertEquals(0x7101000b, NvencVersion.CREATE_INPUT_BUFFER);
        assertEquals(0x7101000b, NvencVersion.CREATE_BITSTREAM_BUFFER);
        assertEquals(0x7101000b, NvencVersion.LOCK_INPUT_BUFFER);
        assertEquals(0x7101000b, NvencVersion.LOCK_BITSTREAM);
        assertEquals(0xf104000b, NvencVersion.PIC_PARAMS);
    }

    /** offsetof(NV_ENCODE_API_FUNCTION_LIST, fn) / 8 for each function lumen binds. */
    @Test
    void functionListSlotsFollowTheHeaderOrder() {
        assertEquals(2, NvencFunctions.SLOT_GET_ENCODE_GUID_COUNT);
        assertEquals(5, NvencFunctions.SLOT_GET_ENCODE_GUIDS);
        assertEquals(12, NvencFunctions.SLOT_INITIALIZE_ENCODER);
        assertEquals(13, NvencFunctions.SLOT_CREATE_INPUT_BUFFER);
        assertEquals(14, NvencFunctions.SLOT_DESTROY_INPUT_BUFFER);
        assertEquals(15, NvencFunctions.SLOT_CREATE_BITSTREAM_BUFFER);
        assertEquals(16, NvencFunctions.SLOT_DESTROY_BITSTREAM_BUFFER);
        assertEquals(17, NvencFunctions.SLOT_ENCODE_PICTURE);
        assertEquals(18, NvencFunctions.SLOT_LOCK_BITSTREAM);
        assertEquals(19, NvencFunctions.SLOT_UNLOCK_BITSTREAM);
        assertEquals(20, NvencFunctions.SLOT_LOCK_INPUT_BUFFER);
        assertEquals(21, NvencFunctions.SLOT_UNLOCK_INPUT_BUFFER);
        assertEquals(28, NvencFunctions.SLOT_DESTROY_ENCODER);
        assertEquals(29, NvencFunctions.SLOT_INVALIDATE_REF_FRAMES);
        assertEquals(30, NvencFunctions.SLOT_OPEN_ENCODE_SESSION_EX);
        assertEquals(31, NvencFunctions.SLOT_REGISTER_RESOURCE);
        assertEquals(33, NvencFunctions.SLOT_RECONFIGURE_ENCODER);
        assertEquals(38, NvencFunctions.SLOT_GET_LAST_ERROR_STRING);
        assertEquals(40, NvencFunctions.SLOT_GET_ENCODE_PRESET_CONFIG_EX);
    }

    /** The GUIDs' 16 bytes in memory, as the C program dumped them (signed bytes). */
    @Test
    void guidBytesMatchTheHeaders() {
        assertArrayEquals(bytes(98, 39, -56, 107, 99, 78, -92, 76, -86, -123, 30, 80, -13, 33, -10, -65),
                NvencGuid.CODEC_H264.bytes());
        assertArrayEquals(bytes(-120, -36, 12, 121, 34, 69, 123, 77, -108, 37, -67, -87, -105, 95, 118, 3),
                NvencGuid.CODEC_HEVC.bytes());
        assertArrayEquals(bytes(62, -115, 10, -4, -8, 69, -8, 76, -128, -57, 41, -120, 113, 89, 14, -65),
                NvencGuid.PRESET_P1.bytes());
        assertArrayEquals(bytes(9, -61, -53, -25, 122, 79, -119, 75, -81, 42, -43, 55, -55, 43, -29, 16),
                NvencGuid.H264_PROFILE_HIGH.bytes());
        assertArrayEquals(bytes(-102, -61, 20, -75, 91, -75, -6, 64, -121, -113, -15, 37, 59, 77, -3, -20),
                NvencGuid.HEVC_PROFILE_MAIN.bytes());
        assertArrayEquals(bytes(108, 43, 77, -6, 91, 58, 26, 65, -128, 24, 10, 63, 94, 60, -101, -27),
                NvencGuid.HEVC_PROFILE_MAIN10.bytes());
    }

    @Test
    void enumValuesMatchTheHeaders() {
        assertEquals(0x00000001, NvencConstants.BUFFER_FORMAT_NV12);
        assertEquals(0x01000000, NvencConstants.BUFFER_FORMAT_ARGB);
        assertEquals(0x10000000, NvencConstants.BUFFER_FORMAT_ABGR);
        assertEquals(0x02000000, NvencConstants.BUFFER_FORMAT_ARGB10);
        assertEquals(0x20000000, NvencConstants.BUFFER_FORMAT_ABGR10);
        assertEquals(17, NvencConstants.STATUS_NEED_MORE_INPUT);
        assertEquals("NV_ENC_ERR_INVALID_VERSION (15)", NvencStatus.describe(15));
        assertEquals("NV_ENC_ERR_NO_ENCODE_DEVICE (1)", NvencStatus.describe(1));
        assertEquals("NVENCSTATUS (99)", NvencStatus.describe(99));
        assertEquals(0xFFFFFFFF, NvencConstants.INFINITE_GOP);
        assertEquals(3, NvencConstants.TUNING_ULTRA_LOW_LATENCY);
        assertEquals(2, NvencConstants.RC_CBR);
        assertEquals(3, NvencConstants.PIC_TYPE_IDR);
        assertEquals(0x6, NvencConstants.PIC_FLAG_FORCEIDR | NvencConstants.PIC_FLAG_OUTPUT_SPSPPS);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
