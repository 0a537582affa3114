package io.lumen.capture.pipewire.impl.spa;

/**
 * Buffer metadata kinds ({@code enum spa_meta_type}) and the sizes of their structs on a 64-bit ABI, from
 * {@code spa/buffer/meta.h} (PipeWire 0.3.65); the sizes are what a Meta param must ask room for.
 */
public final class SpaMeta {

    public static final int INVALID = 0;
    public static final int HEADER = 1;
    public static final int VIDEO_CROP = 2;
    public static final int VIDEO_DAMAGE = 3;
    public static final int BITMAP = 4;
    public static final int CURSOR = 5;
    public static final int CONTROL = 6;
    public static final int BUSY = 7;
    public static final int VIDEO_TRANSFORM = 8;

    /** struct spa_meta_header: flags, offset, pts, dts_offset, seq. */
    public static final int HEADER_SIZE = 32;
    /** struct spa_meta_region: a spa_point and a spa_rectangle. */
    public static final int REGION_SIZE = 16;
    /** struct spa_meta_cursor: id, flags, position, hotspot, bitmap_offset. */
    public static final int CURSOR_SIZE = 28;
    /** struct spa_meta_bitmap: format, size, stride, offset. */
    public static final int BITMAP_SIZE = 20;

    public static String name(int type) {
        return switch (type) {
            case INVALID -> "Invalid";
            case HEADER -> "Header";
            case VIDEO_CROP -> "VideoCrop";
            case VIDEO_DAMAGE -> "VideoDamage";
            case BITMAP -> "Bitmap";
            case CURSOR -> "Cursor";
            case CONTROL -> "Control";
            case BUSY -> "Busy";
            case VIDEO_TRANSFORM -> "VideoTransform";
            default -> "meta#" + type;
        };
    }

    private SpaMeta() {
    }
}
