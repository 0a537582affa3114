package io.lumen.capture.pipewire.impl.spa;

/**
 * Media types, media subtypes and the property keys of a Format object, from {@code spa/param/format.h}
 * of PipeWire 0.3.65.
 */
public final class SpaFormat {

    public static final int MEDIA_TYPE_UNKNOWN = 0;
    public static final int MEDIA_TYPE_AUDIO = 1;
    public static final int MEDIA_TYPE_VIDEO = 2;
    public static final int MEDIA_TYPE_IMAGE = 3;

    public static final int MEDIA_SUBTYPE_UNKNOWN = 0;
    public static final int MEDIA_SUBTYPE_RAW = 1;
    public static final int MEDIA_SUBTYPE_DSP = 2;
    public static final int MEDIA_SUBTYPE_H264 = 0x20001;
    public static final int MEDIA_SUBTYPE_MJPG = 0x20002;

    public static final int KEY_MEDIA_TYPE = 1;
    public static final int KEY_MEDIA_SUBTYPE = 2;
    public static final int KEY_VIDEO_FORMAT = 0x20001;
    /** A Long DRM format modifier; only present when the buffers are DMA-BUFs. */
    public static final int KEY_VIDEO_MODIFIER = 0x20002;
    public static final int KEY_VIDEO_SIZE = 0x20003;
    public static final int KEY_VIDEO_FRAMERATE = 0x20004;
    public static final int KEY_VIDEO_MAX_FRAMERATE = 0x20005;

    public static String mediaTypeName(int type) {
        return switch (type) {
            case MEDIA_TYPE_UNKNOWN -> "unknown";
            case MEDIA_TYPE_AUDIO -> "audio";
            case MEDIA_TYPE_VIDEO -> "video";
            case MEDIA_TYPE_IMAGE -> "image";
            default -> "mediaType#" + type;
        };
    }

    public static String mediaSubtypeName(int subtype) {
        return switch (subtype) {
            case MEDIA_SUBTYPE_UNKNOWN -> "unknown";
            case MEDIA_SUBTYPE_RAW -> "raw";
            case MEDIA_SUBTYPE_DSP -> "dsp";
            case MEDIA_SUBTYPE_H264 -> "h264";
            case MEDIA_SUBTYPE_MJPG -> "mjpg";
            default -> "mediaSubtype#0x" + Integer.toHexString(subtype);
        };
    }

    private SpaFormat() {
    }
}
