package io.lumen.capture.pipewire.impl.spa;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * One-line text of a pod for negotiation logs, with the keys and ids of Format, Buffers and Meta objects
 * spelled out: {@code Format{mediaType=video, mediaSubtype=raw, format=BGRx, size=1920x1080, framerate=60/1}}.
 */
public final class SpaPodDescriber {

    /** How the values of one property read; an Id alone is just a number. */
    private record KeyStyle(String name, IntFunction<String> idNames, boolean hex, boolean dataTypeMask) {

        static KeyStyle plain(String name) {
            return new KeyStyle(name, null, false, false);
        }

        static KeyStyle ids(String name, IntFunction<String> idNames) {
            return new KeyStyle(name, idNames, false, false);
        }
    }

    private static final KeyStyle UNNAMED = KeyStyle.plain(null);
    /** SpaPropFlags by bit. */
    private static final List<String> PROP_FLAG_NAMES = List.of("readonly", "hardware", "hint-dict", "mandatory", "dont-fixate");
    /** SpaData types by number, which is their bit in a dataType mask. */
    private static final List<String> DATA_TYPE_NAMES = List.of("Invalid", "MemPtr", "MemFd", "DmaBuf", "MemId");

    public static String describe(SpaPod pod) {
        return value(pod, UNNAMED);
    }

    private static String value(SpaPod pod, KeyStyle style) {
        return switch (pod) {
            case SpaPod.NonePod _ -> "none";
            case SpaPod.BoolPod(boolean value) -> Boolean.toString(value);
            case SpaPod.IdPod(int value) -> style.idNames() != null ? style.idNames().apply(value) : Integer.toUnsignedString(value);
            case SpaPod.IntPod(int value) when style.dataTypeMask() -> dataTypes(value);
            case SpaPod.IntPod(int value) -> Integer.toString(value);
            case SpaPod.LongPod(long value) when style.hex() -> "0x" + Long.toHexString(value);
            case SpaPod.LongPod(long value) -> Long.toString(value);
            case SpaPod.FloatPod(float value) -> Float.toString(value);
            case SpaPod.DoublePod(double value) -> Double.toString(value);
            case SpaPod.StringPod(String value) -> '"' + value + '"';
            case SpaPod.BytesPod bytes -> "Bytes(" + HexFormat.of().formatHex(bytes.value()) + ")";
            case SpaPod.RectanglePod(int width, int height) -> Integer.toUnsignedString(width) + "x" + Integer.toUnsignedString(height);
            case SpaPod.FractionPod(int num, int denom) -> Integer.toUnsignedString(num) + "/" + Integer.toUnsignedString(denom);
            case SpaPod.FdPod(long value) -> "fd#" + value;
            case SpaPod.PointerPod(int pointerType, long address) -> "Pointer(" + SpaType.name(pointerType) + ", 0x" + Long.toHexString(address) + ")";
            case SpaPod.OpaquePod opaque -> SpaType.name(opaque.type()) + "(" + opaque.body().length + " bytes)";
            case SpaPod.ArrayPod(int childType, var values) -> "Array<" + SpaType.name(childType) + ">" + list(values, style);
            case SpaPod.StructPod(var fields) -> "Struct" + list(fields, UNNAMED);
            case SpaPod.ChoicePod choice -> choice(choice, style);
            case SpaPod.ObjectPod object -> object(object);
        };
    }

    private static String choice(SpaPod.ChoicePod choice, KeyStyle style) {
        List<String> values = choice.values().stream().map(v -> value(v, style)).toList();
        return switch (choice.choiceType()) {
            case NONE -> values.getFirst();
            case RANGE -> "Range{default=" + values.get(0) + ", min=" + values.get(1) + ", max=" + values.get(2) + "}";
            case STEP -> "Step{default=" + values.get(0) + ", min=" + values.get(1) + ", max=" + values.get(2)
                    + ", step=" + values.get(3) + "}";
            case ENUM -> "Enum{default=" + values.getFirst() + ", alternatives=" + values.subList(1, values.size()) + "}";
            case FLAGS -> "Flags{default=" + values.getFirst() + ", flags=" + values.subList(1, values.size()) + "}";
        };
    }

    private static String object(SpaPod.ObjectPod object) {
        String name = switch (object.objectType()) {
            case SpaType.OBJECT_FORMAT, SpaType.OBJECT_PARAM_BUFFERS, SpaType.OBJECT_PARAM_META -> SpaParam.name(object.objectId());
            default -> SpaType.name(object.objectType()) + "(" + SpaParam.name(object.objectId()) + ")";
        };
        List<String> properties = new ArrayList<>();
        for (SpaPod.Property property : object.properties()) {
            KeyStyle style = style(object.objectType(), property.key());
            String key = style.name() != null ? style.name() : "key#0x" + Integer.toHexString(property.key());
            properties.add(key + "=" + value(property.value(), style) + flags(property.flags()));
        }
        return name + properties.stream().collect(Collectors.joining(", ", "{", "}"));
    }

    private static KeyStyle style(int objectType, int key) {
        return switch (objectType) {
            case SpaType.OBJECT_FORMAT -> switch (key) {
                case SpaFormat.KEY_MEDIA_TYPE -> KeyStyle.ids("mediaType", SpaFormat::mediaTypeName);
                case SpaFormat.KEY_MEDIA_SUBTYPE -> KeyStyle.ids("mediaSubtype", SpaFormat::mediaSubtypeName);
                case SpaFormat.KEY_VIDEO_FORMAT -> KeyStyle.ids("format", SpaVideoFormat::describe);
                case SpaFormat.KEY_VIDEO_MODIFIER -> new KeyStyle("modifier", null, true, false);
                case SpaFormat.KEY_VIDEO_SIZE -> KeyStyle.plain("size");
                case SpaFormat.KEY_VIDEO_FRAMERATE -> KeyStyle.plain("framerate");
                case SpaFormat.KEY_VIDEO_MAX_FRAMERATE -> KeyStyle.plain("maxFramerate");
                default -> UNNAMED;
            };
            case SpaType.OBJECT_PARAM_BUFFERS -> switch (key) {
                case SpaParam.BUFFERS_BUFFERS -> KeyStyle.plain("buffers");
                case SpaParam.BUFFERS_BLOCKS -> KeyStyle.plain("blocks");
                case SpaParam.BUFFERS_SIZE -> KeyStyle.plain("size");
                case SpaParam.BUFFERS_STRIDE -> KeyStyle.plain("stride");
                case SpaParam.BUFFERS_ALIGN -> KeyStyle.plain("align");
                case SpaParam.BUFFERS_DATA_TYPE -> new KeyStyle("dataType", null, false, true);
                default -> UNNAMED;
            };
            case SpaType.OBJECT_PARAM_META -> switch (key) {
                case SpaParam.META_TYPE -> KeyStyle.ids("type", SpaMeta::name);
                case SpaParam.META_SIZE -> KeyStyle.plain("size");
                default -> UNNAMED;
            };
            default -> UNNAMED;
        };
    }

    private static String list(List<SpaPod> values, KeyStyle style) {
        return values.stream().map(v -> value(v, style)).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String flags(int flags) {
        return flags == 0 ? "" : " (" + String.join(", ", bitNames(flags, PROP_FLAG_NAMES, "flag#")) + ")";
    }

    private static String dataTypes(int mask) {
        return mask == 0 ? "none" : String.join("|", bitNames(mask, DATA_TYPE_NAMES, "data#"));
    }

    private static List<String> bitNames(int mask, List<String> known, String unknownPrefix) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((mask & (1 << bit)) != 0) {
                names.add(bit < known.size() ? known.get(bit) : unknownPrefix + bit);
            }
        }
        return names;
    }

    private SpaPodDescriber() {
    }
}
