package io.lumen.encode.x264.impl.ffm;

/**
 * The facts of x264.h for build 164 this binding relies on. x264_param_t differs between builds and configurations,
 * so it is never read by offset: it is allocated with room to spare and set by name (x264_param_default_preset,
 * x264_param_parse, x264_param_apply_profile). The only exceptions are its first video fields, which no parse name
 * sets and which have sat at the struct's head since build 153; {@link X264Params} checks them against
 * x264_param2string before an encoder opens.
 */
final class X264Layouts {

    private X264Layouts() {
    }

    static final int BUILD = 164;
    static final String OPEN_SYMBOL = "x264_encoder_open_" + BUILD;

    /** More than any build's x264_param_t (about 1 KiB for 164). */
    static final long PARAM_BYTES = 16384;
    /** x264_param_t: uint32_t cpu, 6 ints, then int i_width, i_height, i_csp, i_bitdepth. */
    static final long PARAM_WIDTH = 28;
    static final long PARAM_HEIGHT = 32;
    static final long PARAM_BITDEPTH = 40;

    /**
     * x264_picture_t: int i_type, i_qpplus1, i_pic_struct, b_keyframe; int64_t i_pts, i_dts; x264_param_t *param;
     * x264_image_t img {int i_csp, i_plane; int i_stride[4]; uint8_t *plane[4]}; then properties (80 bytes), HRD
     * timing (32), extra SEI (24) and an opaque pointer: 240 bytes.
     */
    static final long PICTURE_BYTES = 240;
    static final long PICTURE_TYPE = 0;
    static final long PICTURE_KEYFRAME = 12;
    static final long PICTURE_PTS = 16;
    static final long PICTURE_IMG_STRIDE = 48;
    static final long PICTURE_IMG_PLANE = 64;

    /** x264_nal_t: int i_ref_idc, i_type, b_long_startcode, i_first_mb, i_last_mb, i_payload; uint8_t *p_payload. */
    static final long NAL_BYTES = 40;
    static final long NAL_TYPE = 4;
    static final long NAL_PAYLOAD_SIZE = 20;
    static final long NAL_PAYLOAD = 24;

    static final int TYPE_AUTO = 0;
    static final int TYPE_IDR = 1;

    static final int CSP_I420 = 0x0002;
    static final int CSP_HIGH_DEPTH = 0x2000;

    static final int NAL_SLICE_IDR = 5;
    static final int NAL_SEI = 6;
}
