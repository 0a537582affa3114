package io.lumen.capture.pipewire.impl.spa;

/**
 * Param ids ({@code enum spa_param_type}, {@code spa/param/param.h}) and the property keys of the Buffers
 * and Meta param objects ({@code spa/param/buffers.h}), PipeWire 0.3.65.
 */
public final class SpaParam {

    public static final int INVALID = 0;
    public static final int PROP_INFO = 1;
    public static final int PROPS = 2;
    public static final int ENUM_FORMAT = 3;
    public static final int FORMAT = 4;
    public static final int BUFFERS = 5;
    public static final int META = 6;
    public static final int IO = 7;

    /** Keys of an {@link SpaType#OBJECT_PARAM_BUFFERS} object. */
    public static final int BUFFERS_BUFFERS = 1;
    public static final int BUFFERS_BLOCKS = 2;
    public static final int BUFFERS_SIZE = 3;
    public static final int BUFFERS_STRIDE = 4;
    public static final int BUFFERS_ALIGN = 5;
    /** An Int mask of {@code 1 << }{@link SpaData} types. */
    public static final int BUFFERS_DATA_TYPE = 6;

    /** Keys of an {@link SpaType#OBJECT_PARAM_META} object. */
    public static final int META_TYPE = 1;
    public static final int META_SIZE = 2;

    public static String name(int id) {
        return switch (id) {
            case INVALID -> "Invalid";
            case PROP_INFO -> "PropInfo";
            case PROPS -> "Props";
            case ENUM_FORMAT -> "EnumFormat";
            case FORMAT -> "Format";
            case BUFFERS -> "Buffers";
            case META -> "Meta";
            case IO -> "IO";
            default -> "param#" + id;
        };
    }

    private SpaParam() {
    }
}
