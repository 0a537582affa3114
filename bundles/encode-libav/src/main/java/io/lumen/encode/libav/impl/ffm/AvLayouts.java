package io.lumen.encode.libav.impl.ffm;

import io.lumen.encoding.AvPixelFormat;

/**
 * Offsets into libav's structs and the constants the encoders need, for FFmpeg 5.1 (libavcodec 59, libavutil 57),
 * checked with offsetof() against that release's headers on Debian 12. Codec-context fields are set through
 * AVOptions by name instead, which stays right across releases; only AVFrame and AVPacket fields are read or
 * written by offset.
 */
public final class AvLayouts {

    private AvLayouts() {
    }

    /** AVFrame: uint8_t *data[8], int linesize[8], ..., width, height, format, key_frame, pict_type, pts. */
    public static final long FRAME_DATA = 0;
    public static final long FRAME_LINESIZE = 64;
    public static final long FRAME_WIDTH = 104;
    public static final long FRAME_HEIGHT = 108;
    public static final long FRAME_FORMAT = 116;
    public static final long FRAME_PICT_TYPE = 124;
    public static final long FRAME_PTS = 136;

    /** AVPacket: pts, dts, data, size, flags. */
    public static final long PACKET_PTS = 8;
    public static final long PACKET_DATA = 24;
    public static final long PACKET_SIZE = 32;
    public static final long PACKET_FLAGS = 40;
    public static final int PACKET_FLAG_KEY = 1;

    /**
     * AVCodecContext.hw_frames_ctx: the one codec-context field without an AVOption, written by offset for
     * hardware encoders.
     */
    public static final long CODEC_CONTEXT_HW_FRAMES_CTX = 848;

    /** AVHWFramesContext: initial_pool_size, format, sw_format, width, height. */
    public static final long HW_FRAMES_INITIAL_POOL_SIZE = 64;
    public static final long HW_FRAMES_FORMAT = 68;
    public static final long HW_FRAMES_SW_FORMAT = 72;
    public static final long HW_FRAMES_WIDTH = 76;
    public static final long HW_FRAMES_HEIGHT = 80;

    /** AVBufferRef.data. */
    public static final long BUFFER_REF_DATA = 8;

    /** enum AVHWDeviceType. */
    public static final int HWDEVICE_TYPE_VAAPI = 3;

    /** enum AVPixelFormat values (libavutil 57). */
    public static final int PIX_FMT_YUV420P = AvPixelFormat.YUV420P;
    public static final int PIX_FMT_NV12 = AvPixelFormat.NV12;
    public static final int PIX_FMT_VAAPI = 44;
    public static final int PIX_FMT_RGBA = AvPixelFormat.RGBA;
    public static final int PIX_FMT_BGRA = AvPixelFormat.BGRA;
    public static final int PIX_FMT_YUV420P10LE = AvPixelFormat.YUV420P10LE;
    public static final int PIX_FMT_RGB0 = AvPixelFormat.RGB0;
    public static final int PIX_FMT_BGR0 = AvPixelFormat.BGR0;

    public static final int PICTURE_TYPE_NONE = 0;
    public static final int PICTURE_TYPE_I = 1;

    /** AVERROR(EAGAIN) and AVERROR_EOF. */
    public static final int ERROR_EAGAIN = -11;
    public static final int ERROR_EOF = -541478725;

    public static final int AV_OPT_SEARCH_CHILDREN = 1;
    public static final int AV_LOG_ERROR = 16;
}
