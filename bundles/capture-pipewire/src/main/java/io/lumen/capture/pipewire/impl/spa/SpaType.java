package io.lumen.capture.pipewire.impl.spa;

/**
 * Type numbers of SPA pods and objects, from {@code spa/utils/type.h} of PipeWire 0.3.65
 * (the enum is part of the ABI, so the numbers hold for every 0.3 and 1.x library).
 */
public final class SpaType {

    public static final int NONE = 1;
    public static final int BOOL = 2;
    public static final int ID = 3;
    public static final int INT = 4;
    public static final int LONG = 5;
    public static final int FLOAT = 6;
    public static final int DOUBLE = 7;
    public static final int STRING = 8;
    public static final int BYTES = 9;
    public static final int RECTANGLE = 10;
    public static final int FRACTION = 11;
    public static final int BITMAP = 12;
    public static final int ARRAY = 13;
    public static final int STRUCT = 14;
    public static final int OBJECT = 15;
    public static final int SEQUENCE = 16;
    public static final int POINTER = 17;
    public static final int FD = 18;
    public static final int CHOICE = 19;
    public static final int POD = 20;

    public static final int OBJECT_PROP_INFO = 0x40001;
    public static final int OBJECT_PROPS = 0x40002;
    public static final int OBJECT_FORMAT = 0x40003;
    public static final int OBJECT_PARAM_BUFFERS = 0x40004;
    public static final int OBJECT_PARAM_META = 0x40005;
    public static final int OBJECT_PARAM_IO = 0x40006;

    /** Body bytes of a value of {@code type} when that is fixed by the type, else -1. */
    public static int fixedBodySize(int type) {
        return switch (type) {
            case NONE -> 0;
            case BOOL, ID, INT, FLOAT -> 4;
            case LONG, DOUBLE, RECTANGLE, FRACTION, FD -> 8;
            // spa_pod_pointer_body: type, padding, a 64-bit pointer
            case POINTER -> 16;
            default -> -1;
        };
    }

    public static String name(int type) {
        return switch (type) {
            case NONE -> "None";
            case BOOL -> "Bool";
            case ID -> "Id";
            case INT -> "Int";
            case LONG -> "Long";
            case FLOAT -> "Float";
            case DOUBLE -> "Double";
            case STRING -> "String";
            case BYTES -> "Bytes";
            case RECTANGLE -> "Rectangle";
            case FRACTION -> "Fraction";
            case BITMAP -> "Bitmap";
            case ARRAY -> "Array";
            case STRUCT -> "Struct";
            case OBJECT -> "Object";
            case SEQUENCE -> "Sequence";
            case POINTER -> "Pointer";
            case FD -> "Fd";
            case CHOICE -> "Choice";
            case POD -> "Pod";
            case OBJECT_PROP_INFO -> "PropInfo";
            case OBJECT_PROPS -> "Props";
            case OBJECT_FORMAT -> "Format";
            case OBJECT_PARAM_BUFFERS -> "ParamBuffers";
            case OBJECT_PARAM_META -> "ParamMeta";
            case OBJECT_PARAM_IO -> "ParamIO";
            default -> "type#0x" + Integer.toHexString(type);
        };
    }

    private SpaType() {
    }
}
