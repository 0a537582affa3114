package io.lumen.capture.pipewire.impl.spa;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pod into a {@link SpaPod} tree. The input comes from another process, so every size is checked
 * against the bytes that are really there before anything is read or allocated, and anything malformed
 * is a {@link SpaPodException} naming the offset. Stricter than spa where spa would read garbage: fixed-size
 * values must have exactly their size, and array/choice elements must fill the body exactly.
 */
public final class SpaPodParser {

    /** Real params nest three or four levels; the bound keeps a crafted pod from exhausting the stack. */
    public static final int MAX_DEPTH = 32;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int HEADER = 8;

    private final MemorySegment input;

    private SpaPodParser(MemorySegment input) {
        this.input = input;
    }

    public static SpaPod parse(byte[] bytes) throws SpaPodException {
        return parse(MemorySegment.ofArray(bytes));
    }

    /** The pod at the start of {@code segment}, which must hold all of it. */
    public static SpaPod parse(MemorySegment segment) throws SpaPodException {
        return new SpaPodParser(segment).pod(0, segment.byteSize(), 0);
    }

    /**
     * The pod behind a bare {@code const struct spa_pod *} of a callback, read no further than
     * {@code maxBytes}: the header gives the size, which is checked before the segment is widened to it.
     */
    public static SpaPod parseNative(MemorySegment pointer, long maxBytes) throws SpaPodException {
        if (pointer.address() == 0) {
            throw new SpaPodException("null pod pointer");
        }
        if (maxBytes < HEADER) {
            throw new SpaPodException("pod bound " + maxBytes + " is smaller than a pod header");
        }
        long bodySize = Integer.toUnsignedLong(pointer.reinterpret(HEADER).get(INT, 0));
        if (bodySize > maxBytes - HEADER) {
            throw new SpaPodException("pod declares a body of " + bodySize + " bytes, more than the "
                    + (maxBytes - HEADER) + " allowed");
        }
        return parse(pointer.reinterpret(HEADER + bodySize));
    }

    /** The pod whose header is at {@code at}; it must end by {@code end}. */
    private SpaPod pod(long at, long end, int depth) throws SpaPodException {
        if (end - at < HEADER) {
            throw new SpaPodException("truncated pod header at offset " + at + ": " + (end - at) + " of 8 bytes");
        }
        long size = u32(at);
        int type = input.get(INT, at + 4);
        if (size > end - at - HEADER) {
            throw new SpaPodException(SpaType.name(type) + " pod at offset " + at + " declares a body of " + size
                    + " bytes, only " + (end - at - HEADER) + " are there");
        }
        return body(type, at + HEADER, size, depth);
    }

    private SpaPod body(int type, long at, long size, int depth) throws SpaPodException {
        int fixedSize = SpaType.fixedBodySize(type);
        if (fixedSize >= 0 && size != fixedSize) {
            throw new SpaPodException(SpaType.name(type) + " body at offset " + at + " is " + size
                    + " bytes, must be " + fixedSize);
        }
        return switch (type) {
            case SpaType.NONE -> new SpaPod.NonePod();
            case SpaType.BOOL -> new SpaPod.BoolPod(input.get(INT, at) != 0);
            case SpaType.ID -> new SpaPod.IdPod(input.get(INT, at));
            case SpaType.INT -> new SpaPod.IntPod(input.get(INT, at));
            case SpaType.LONG -> new SpaPod.LongPod(input.get(LONG, at));
            case SpaType.FLOAT -> new SpaPod.FloatPod(Float.intBitsToFloat(input.get(INT, at)));
            case SpaType.DOUBLE -> new SpaPod.DoublePod(Double.longBitsToDouble(input.get(LONG, at)));
            case SpaType.RECTANGLE -> new SpaPod.RectanglePod(input.get(INT, at), input.get(INT, at + 4));
            case SpaType.FRACTION -> new SpaPod.FractionPod(input.get(INT, at), input.get(INT, at + 4));
            case SpaType.FD -> new SpaPod.FdPod(input.get(LONG, at));
            case SpaType.POINTER -> new SpaPod.PointerPod(input.get(INT, at), input.get(LONG, at + 8));
            case SpaType.STRING -> string(at, size);
            case SpaType.BYTES -> new SpaPod.BytesPod(copy(at, size));
            case SpaType.ARRAY -> array(at, size);
            case SpaType.CHOICE -> choice(at, size);
            case SpaType.STRUCT -> struct(at, size, deeper(depth, at));
            case SpaType.OBJECT -> object(at, size, deeper(depth, at));
            default -> new SpaPod.OpaquePod(type, copy(at, size));
        };
    }

    private SpaPod string(long at, long size) throws SpaPodException {
        if (size == 0 || input.get(ValueLayout.JAVA_BYTE, at + size - 1) != 0) {
            throw new SpaPodException("String at offset " + at + " does not end with a NUL");
        }
        byte[] bytes = copy(at, size);
        int length = 0;
        while (bytes[length] != 0) {
            length++;
        }
        return new SpaPod.StringPod(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }

    private SpaPod array(long at, long size) throws SpaPodException {
        if (size < HEADER) {
            throw new SpaPodException("Array at offset " + at + " is " + size + " bytes, too short for its child header");
        }
        int childType = input.get(INT, at + 4);
        List<SpaPod> values = elements(at, childType, u32(at), at + HEADER, size - HEADER);
        return build(at, () -> new SpaPod.ArrayPod(childType, values));
    }

    private SpaPod choice(long at, long size) throws SpaPodException {
        if (size < 16) {
            throw new SpaPodException("Choice at offset " + at + " is " + size + " bytes, too short for its header");
        }
        SpaChoiceType choiceType = SpaChoiceType.ofNumber(input.get(INT, at));
        int flags = input.get(INT, at + 4);
        int childType = input.get(INT, at + 12);
        List<SpaPod> values = elements(at, childType, u32(at + 8), at + 16, size - 16);
        return build(at, () -> new SpaPod.ChoicePod(choiceType, flags, childType, values));
    }

    /** The bare values of an array or choice: {@code bytes} bytes at {@code at}, each {@code childSize} long. */
    private List<SpaPod> elements(long container, int childType, long childSize, long at, long bytes)
            throws SpaPodException {
        int fixedSize = SpaType.fixedBodySize(childType);
        if (fixedSize < 0) {
            throw new SpaPodException("container at offset " + container + " holds " + SpaType.name(childType)
                    + " values; only fixed-size values can be stored bare");
        }
        if (childSize != fixedSize) {
            throw new SpaPodException("container at offset " + container + " gives its " + SpaType.name(childType)
                    + " values " + childSize + " bytes each, must be " + fixedSize);
        }
        if (childSize == 0 ? bytes != 0 : bytes % childSize != 0) {
            throw new SpaPodException("container at offset " + container + " has " + bytes + " value bytes, not a whole number of "
                    + childSize + "-byte " + SpaType.name(childType) + " values");
        }
        List<SpaPod> values = new ArrayList<>();
        for (long element = at; element < at + bytes; element += childSize) {
            values.add(body(childType, element, childSize, 0));
        }
        return values;
    }

    private SpaPod struct(long at, long size, int depth) throws SpaPodException {
        List<SpaPod> fields = new ArrayList<>();
        long end = at + size;
        for (long field = at; field < end; field = align8(field + HEADER + u32(field))) {
            fields.add(pod(field, end, depth));
        }
        return new SpaPod.StructPod(fields);
    }

    private SpaPod object(long at, long size, int depth) throws SpaPodException {
        if (size < 8) {
            throw new SpaPodException("Object at offset " + at + " is " + size + " bytes, too short for type and id");
        }
        int objectType = input.get(INT, at);
        int objectId = input.get(INT, at + 4);
        List<SpaPod.Property> properties = new ArrayList<>();
        long end = at + size;
        for (long property = at + 8; property < end; property = align8(property + 16 + u32(property + 8))) {
            if (end - property < 8) {
                throw new SpaPodException("truncated property at offset " + property + ": " + (end - property)
                        + " bytes, a key and flags take 8");
            }
            SpaPod value = pod(property + 8, end, depth);
            properties.add(new SpaPod.Property(input.get(INT, property), input.get(INT, property + 4), value));
        }
        return new SpaPod.ObjectPod(objectType, objectId, properties);
    }

    private static int deeper(int depth, long at) throws SpaPodException {
        if (depth >= MAX_DEPTH) {
            throw new SpaPodException("pods nested deeper than " + MAX_DEPTH + " at offset " + at);
        }
        return depth + 1;
    }

    private interface PodConstructor {
        SpaPod construct();
    }

    /** The records check what a well-formed array or choice is; from input, a violation is a malformed pod. */
    private static SpaPod build(long at, PodConstructor constructor) throws SpaPodException {
        try {
            return constructor.construct();
        } catch (IllegalArgumentException e) {
            throw new SpaPodException("pod at offset " + at + ": " + e.getMessage());
        }
    }

    private byte[] copy(long at, long size) {
        // size is within the input already, so the allocation is bounded by what the peer really sent
        return input.asSlice(at, size).toArray(ValueLayout.JAVA_BYTE);
    }

    private long u32(long at) {
        return Integer.toUnsignedLong(input.get(INT, at));
    }

    private static long align8(long offset) {
        return (offset + 7) & ~7L;
    }
}
