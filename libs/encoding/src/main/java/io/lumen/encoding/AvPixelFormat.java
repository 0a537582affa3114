package io.lumen.encoding;

import io.lumen.api.media.PixelFormat;

/** The enum AVPixelFormat values of libavutil 57 (FFmpeg 5.1) that libswscale converts between for lumen. */
public final class AvPixelFormat {

    private AvPixelFormat() {
    }

    public static final int YUV420P = 0;
    public static final int NV12 = 23;
    public static final int RGBA = 26;
    public static final int BGRA = 28;
    public static final int YUV420P10LE = 62;
    public static final int RGB0 = 119;
    public static final int BGR0 = 121;

    /** The libav name of a capture format. */
    public static int of(PixelFormat format) {
        return switch (format) {
            case BGRX -> BGR0;
            case RGBX -> RGB0;
            case BGRA -> BGRA;
            case RGBA -> RGBA;
            case I420 -> YUV420P;
            case NV12 -> NV12;
        };
    }
}
