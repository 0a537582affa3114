package io.lumen.capture.pipewire.impl.spa;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Writes pods in spa's wire layout: little-endian (the host order of every machine lumen runs on), each
 * pod a {size, type} header and a body, every pod padded to 8 bytes with the padding counted in the
 * enclosing container but not in the pod's own size. Containers are opened with a push and closed with
 * {@link #pop()}; inside an array or choice the values share one child header and are stored bare.
 * Misuse (a value without a property key inside an object, mixed types in a choice, an unclosed container)
 * throws {@link IllegalStateException}: it is a bug in the caller, not bad input.
 */
public final class SpaPodBuilder {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int HEADER = 8;

    private byte[] buffer = new byte[256];
    private int offset;
    private final Deque<Frame> frames = new ArrayDeque<>();

    private static final class Frame {
        final int type;
        final int start;
        final int childType;
        final SpaChoiceType choiceType;
        int values;
        boolean keyWritten;

        Frame(int type, int start, int childType, SpaChoiceType choiceType) {
            this.type = type;
            this.start = start;
            this.childType = childType;
            this.choiceType = choiceType;
        }

        boolean holdsBareValues() {
            return type == SpaType.ARRAY || type == SpaType.CHOICE;
        }
    }

    /** The bytes of one pod, ready to hand to PipeWire. */
    public static byte[] encode(SpaPod pod) {
        return new SpaPodBuilder().write(pod).toByteArray();
    }

    public SpaPodBuilder writeNone() {
        return fixed(SpaType.NONE, 0);
    }

    public SpaPodBuilder writeBool(boolean value) {
        return fixed(SpaType.BOOL, value ? 1 : 0);
    }

    public SpaPodBuilder writeId(int value) {
        return fixed(SpaType.ID, value);
    }

    public SpaPodBuilder writeInt(int value) {
        return fixed(SpaType.INT, value);
    }

    public SpaPodBuilder writeLong(long value) {
        return fixed(SpaType.LONG, value);
    }

    public SpaPodBuilder writeFloat(float value) {
        return fixed(SpaType.FLOAT, Float.floatToRawIntBits(value));
    }

    public SpaPodBuilder writeDouble(double value) {
        return fixed(SpaType.DOUBLE, Double.doubleToRawLongBits(value));
    }

    public SpaPodBuilder writeRectangle(int width, int height) {
        return fixed(SpaType.RECTANGLE, pair(width, height));
    }

    public SpaPodBuilder writeFraction(int num, int denom) {
        return fixed(SpaType.FRACTION, pair(num, denom));
    }

    public SpaPodBuilder writeFd(long fdIndex) {
        return fixed(SpaType.FD, fdIndex);
    }

    public SpaPodBuilder writePointer(int pointerType, long address) {
        beginValue(SpaType.POINTER);
        int at = reserve(16);
        INT.set(buffer, at, pointerType);
        LONG.set(buffer, at + 8, address);
        return endValue();
    }

    /** A string pod: the UTF-8 bytes and a terminating NUL, which the body size includes. */
    public SpaPodBuilder writeString(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a spa string cannot hold a NUL");
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return variable(SpaType.STRING, Arrays.copyOf(utf8, utf8.length + 1));
    }

    public SpaPodBuilder writeBytes(byte[] value) {
        return variable(SpaType.BYTES, value);
    }

    public SpaPodBuilder pushStruct() {
        return push(SpaType.STRUCT, 0, SpaType.NONE, null);
    }

    /** Opens an object; each value inside must follow a {@link #property} call. */
    public SpaPodBuilder pushObject(int objectType, int objectId) {
        push(SpaType.OBJECT, 8, SpaType.NONE, null);
        INT.set(buffer, offset - 8, objectType);
        INT.set(buffer, offset - 4, objectId);
        return this;
    }

    /** The key and {@link SpaPropFlags} of the next value written inside the open object. */
    public SpaPodBuilder property(int key, int flags) {
        Frame frame = frames.peek();
        if (frame == null || frame.type != SpaType.OBJECT) {
            throw new IllegalStateException("a property key belongs inside an object");
        }
        if (frame.keyWritten) {
            throw new IllegalStateException("property key " + key + " follows a key that got no value");
        }
        int at = reserve(8);
        INT.set(buffer, at, key);
        INT.set(buffer, at + 4, flags);
        frame.keyWritten = true;
        return this;
    }

    /** Opens an array of fixed-size {@code childType} values. */
    public SpaPodBuilder pushArray(int childType) {
        requireFixedSize(childType, "an array");
        push(SpaType.ARRAY, 0, childType, null);
        writeChildHeader(childType);
        return this;
    }

    public SpaPodBuilder pushChoice(SpaChoiceType choiceType, int childType) {
        return pushChoice(choiceType, 0, childType);
    }

    /** Opens a choice of fixed-size {@code childType} values; the first value written is the default. */
    public SpaPodBuilder pushChoice(SpaChoiceType choiceType, int flags, int childType) {
        requireFixedSize(childType, "a choice");
        push(SpaType.CHOICE, 8, childType, choiceType);
        INT.set(buffer, offset - 8, choiceType.number());
        INT.set(buffer, offset - 4, flags);
        writeChildHeader(childType);
        return this;
    }

    /** Closes the innermost container: its size becomes known, and it is padded to 8 bytes. */
    public SpaPodBuilder pop() {
        Frame frame = frames.peek();
        if (frame == null) {
            throw new IllegalStateException("pop without an open container");
        }
        if (frame.keyWritten) {
            throw new IllegalStateException("an object closed after a property key that got no value");
        }
        if (frame.choiceType != null && frame.values < frame.choiceType.minimumValues()) {
            throw new IllegalStateException(frame.choiceType.spaName() + " choice needs at least "
                    + frame.choiceType.minimumValues() + " values, has " + frame.values);
        }
        frames.pop();
        INT.set(buffer, frame.start, offset - frame.start - HEADER);
        pad();
        return endValue();
    }

    /** Writes a whole pod tree. */
    public SpaPodBuilder write(SpaPod pod) {
        return switch (pod) {
            case SpaPod.NonePod _ -> writeNone();
            case SpaPod.BoolPod(boolean value) -> writeBool(value);
            case SpaPod.IdPod(int value) -> writeId(value);
            case SpaPod.IntPod(int value) -> writeInt(value);
            case SpaPod.LongPod(long value) -> writeLong(value);
            case SpaPod.FloatPod(float value) -> writeFloat(value);
            case SpaPod.DoublePod(double value) -> writeDouble(value);
            case SpaPod.StringPod(String value) -> writeString(value);
            case SpaPod.BytesPod bytes -> writeBytes(bytes.value());
            case SpaPod.RectanglePod(int width, int height) -> writeRectangle(width, height);
            case SpaPod.FractionPod(int num, int denom) -> writeFraction(num, denom);
            case SpaPod.FdPod(long value) -> writeFd(value);
            case SpaPod.PointerPod(int pointerType, long address) -> writePointer(pointerType, address);
            case SpaPod.OpaquePod opaque -> variable(opaque.type(), opaque.body());
            case SpaPod.ArrayPod(int childType, var values) -> {
                pushArray(childType);
                values.forEach(this::write);
                yield pop();
            }
            case SpaPod.ChoicePod(SpaChoiceType choiceType, int flags, int childType, var values) -> {
                pushChoice(choiceType, flags, childType);
                values.forEach(this::write);
                yield pop();
            }
            case SpaPod.StructPod(var fields) -> {
                pushStruct();
                fields.forEach(this::write);
                yield pop();
            }
            case SpaPod.ObjectPod(int objectType, int objectId, var properties) -> {
                pushObject(objectType, objectId);
                for (SpaPod.Property property : properties) {
                    property(property.key(), property.flags());
                    write(property.value());
                }
                yield pop();
            }
        };
    }

    /** Bytes written so far. */
    public int size() {
        return offset;
    }

    public byte[] toByteArray() {
        requireClosed();
        return Arrays.copyOf(buffer, offset);
    }

    /**
     * A native copy, 8-byte aligned as spa's readers expect, that lives as long as {@code allocator}'s arena:
     * what {@code pw_stream_connect} and {@code pw_stream_update_params} take a pointer to.
     */
    public MemorySegment toSegment(SegmentAllocator allocator) {
        requireClosed();
        MemorySegment segment = allocator.allocate(offset, 8);
        MemorySegment.copy(buffer, 0, segment, ValueLayout.JAVA_BYTE, 0, offset);
        return segment;
    }

    private static long pair(int low, int high) {
        return (low & 0xFFFF_FFFFL) | ((long) high << 32);
    }

    private SpaPodBuilder fixed(int type, long bits) {
        int size = SpaType.fixedBodySize(type);
        beginValue(type);
        int at = reserve(size);
        if (size == 4) {
            INT.set(buffer, at, (int) bits);
        } else if (size == 8) {
            LONG.set(buffer, at, bits);
        }
        return endValue();
    }

    private SpaPodBuilder variable(int type, byte[] body) {
        Frame frame = frames.peek();
        if (frame != null && frame.holdsBareValues()) {
            throw new IllegalStateException("an array or choice holds fixed-size values only, not " + SpaType.name(type));
        }
        beginValue(type);
        int at = reserve(body.length);
        System.arraycopy(body, 0, buffer, at, body.length);
        INT.set(buffer, at - HEADER, body.length);
        return endValue();
    }

    /** Writes the header of a value, unless it goes bare into an array or choice. */
    private void beginValue(int type) {
        Frame frame = frames.peek();
        if (frame != null && frame.holdsBareValues()) {
            if (type != frame.childType) {
                throw new IllegalStateException("a " + SpaType.name(frame.type) + " of " + SpaType.name(frame.childType)
                        + " cannot hold a " + SpaType.name(type));
            }
            frame.values++;
            return;
        }
        if (frame != null && frame.type == SpaType.OBJECT && !frame.keyWritten) {
            throw new IllegalStateException("a value inside an object needs property(key, flags) first");
        }
        int at = reserve(HEADER);
        INT.set(buffer, at, Math.max(SpaType.fixedBodySize(type), 0));
        INT.set(buffer, at + 4, type);
    }

    /** Pads a finished value and, inside an object, consumes its property key. */
    private SpaPodBuilder endValue() {
        Frame frame = frames.peek();
        if (frame != null && frame.holdsBareValues()) {
            return this;
        }
        pad();
        if (frame != null) {
            frame.keyWritten = false;
        }
        return this;
    }

    private SpaPodBuilder push(int type, int fixedBody, int childType, SpaChoiceType choiceType) {
        beginValue(type);
        Frame frame = new Frame(type, offset - HEADER, childType, choiceType);
        reserve(fixedBody);
        frames.push(frame);
        return this;
    }

    private void writeChildHeader(int childType) {
        int at = reserve(HEADER);
        INT.set(buffer, at, SpaType.fixedBodySize(childType));
        INT.set(buffer, at + 4, childType);
    }

    private static void requireFixedSize(int childType, String container) {
        if (SpaType.fixedBodySize(childType) < 0) {
            throw new IllegalArgumentException(container + " holds fixed-size values only, not " + SpaType.name(childType));
        }
    }

    private void requireClosed() {
        if (!frames.isEmpty()) {
            throw new IllegalStateException(frames.size() + " container(s) still open");
        }
    }

    private void pad() {
        reserve(-offset & 7);
    }

    /** Makes room for {@code bytes} zeroed bytes at the end and returns where they start. */
    private int reserve(int bytes) {
        int at = offset;
        long end = (long) at + bytes;
        if (end > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("pod larger than 2 GiB");
        }
        if (end > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.max(end, Math.min(2L * buffer.length, Integer.MAX_VALUE - 16)));
        }
        offset = (int) end;
        return at;
    }
}
