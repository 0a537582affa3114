package io.lumen.capture.pipewire.impl.spa;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable SPA pod: what {@link SpaPodParser} reads and {@link SpaPodBuilder#write(SpaPod)} writes.
 * Rectangle, fraction and id values are unsigned 32-bit in C; they are kept in Java ints bit for bit.
 */
public sealed interface SpaPod {

    /** The pod's {@link SpaType} number. */
    int type();

    record NonePod() implements SpaPod {
        public int type() {
            return SpaType.NONE;
        }
    }

    record BoolPod(boolean value) implements SpaPod {
        public int type() {
            return SpaType.BOOL;
        }
    }

    record IdPod(int value) implements SpaPod {
        public int type() {
            return SpaType.ID;
        }
    }

    record IntPod(int value) implements SpaPod {
        public int type() {
            return SpaType.INT;
        }
    }

    record LongPod(long value) implements SpaPod {
        public int type() {
            return SpaType.LONG;
        }
    }

    record FloatPod(float value) implements SpaPod {
        public int type() {
            return SpaType.FLOAT;
        }
    }

    record DoublePod(double value) implements SpaPod {
        public int type() {
            return SpaType.DOUBLE;
        }
    }

    /** Text up to the first NUL; spa strings carry no length of their own. */
    record StringPod(String value) implements SpaPod {
        public StringPod {
            Objects.requireNonNull(value, "value");
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a spa string cannot hold a NUL");
            }
        }

        public int type() {
            return SpaType.STRING;
        }
    }

    record BytesPod(byte[] value) implements SpaPod {
        public BytesPod {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        public int type() {
            return SpaType.BYTES;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BytesPod(byte[] otherValue) && Arrays.equals(value, otherValue);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "BytesPod[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    record RectanglePod(int width, int height) implements SpaPod {
        public int type() {
            return SpaType.RECTANGLE;
        }
    }

    record FractionPod(int num, int denom) implements SpaPod {
        public int type() {
            return SpaType.FRACTION;
        }
    }

    /** An index into the fds sent along with the message, not an fd of this process. */
    record FdPod(long value) implements SpaPod {
        public int type() {
            return SpaType.FD;
        }
    }

    record PointerPod(int pointerType, long address) implements SpaPod {
        public int type() {
            return SpaType.POINTER;
        }
    }

    /** Elements of one fixed-size type, stored without headers in the pod. */
    record ArrayPod(int childType, List<SpaPod> values) implements SpaPod {
        public ArrayPod {
            values = List.copyOf(values);
            requireElementsOf(childType, values, "array");
        }

        public int type() {
            return SpaType.ARRAY;
        }
    }

    record StructPod(List<SpaPod> fields) implements SpaPod {
        public StructPod {
            fields = List.copyOf(fields);
        }

        public int type() {
            return SpaType.STRUCT;
        }
    }

    /** A param object: an object type ({@code SpaType.OBJECT_*}), an id ({@link SpaParam}) and keyed properties. */
    record ObjectPod(int objectType, int objectId, List<Property> properties) implements SpaPod {
        public ObjectPod {
            properties = List.copyOf(properties);
        }

        public int type() {
            return SpaType.OBJECT;
        }

        /** The first property with {@code key}; spa lets a key repeat and readers take the first. */
        public Optional<Property> property(int key) {
            return properties.stream().filter(p -> p.key() == key).findFirst();
        }
    }

    /** One property of an object; {@code flags} are {@link SpaPropFlags}. */
    record Property(int key, int flags, SpaPod value) {
        public Property {
            Objects.requireNonNull(value, "value");
        }

        public Property(int key, SpaPod value) {
            this(key, 0, value);
        }
    }

    /**
     * A set of values to negotiate. The first value is the default (or, for {@link SpaChoiceType#NONE}, the
     * value); a Range lists default, min, max, an Enum default then the alternatives.
     */
    record ChoicePod(SpaChoiceType choiceType, int flags, int childType, List<SpaPod> values) implements SpaPod {
        public ChoicePod {
            Objects.requireNonNull(choiceType, "choiceType");
            values = List.copyOf(values);
            requireElementsOf(childType, values, "choice");
            if (values.size() < choiceType.minimumValues()) {
                throw new IllegalArgumentException(choiceType.spaName() + " choice needs at least "
                        + choiceType.minimumValues() + " values, has " + values.size());
            }
        }

        public ChoicePod(SpaChoiceType choiceType, List<SpaPod> values) {
            this(choiceType, 0, values.isEmpty() ? SpaType.NONE : values.getFirst().type(), values);
        }

        public int type() {
            return SpaType.CHOICE;
        }
    }

    /** A pod lumen does not take apart (Bitmap, Sequence, types newer than 0.3.65): its type and body bytes. */
    record OpaquePod(int type, byte[] body) implements SpaPod {
        public OpaquePod {
            if (SpaType.fixedBodySize(type) >= 0 || type == SpaType.STRING || type == SpaType.BYTES
                    || type == SpaType.ARRAY || type == SpaType.STRUCT || type == SpaType.OBJECT
                    || type == SpaType.CHOICE) {
                throw new IllegalArgumentException(SpaType.name(type) + " has its own pod record");
            }
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OpaquePod(int otherType, byte[] otherBody)
                    && type == otherType && Arrays.equals(body, otherBody);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "OpaquePod[" + SpaType.name(type) + ", " + HexFormat.of().formatHex(body) + "]";
        }
    }

    /**
     * Why arrays and choices only hold fixed-size values: their elements are stored back to back with one
     * shared child header, so every element must have the size that header states.
     */
    private static void requireElementsOf(int childType, List<SpaPod> values, String container) {
        if (SpaType.fixedBodySize(childType) < 0) {
            throw new IllegalArgumentException("a " + container + " cannot hold " + SpaType.name(childType)
                    + " values, only fixed-size ones");
        }
        if (childType == SpaType.NONE && !values.isEmpty()) {
            throw new IllegalArgumentException("None values take no bytes, so a " + container + " cannot count them");
        }
        for (SpaPod value : values) {
            if (value.type() != childType) {
                throw new IllegalArgumentException("a " + container + " of " + SpaType.name(childType)
                        + " cannot hold a " + SpaType.name(value.type()));
            }
        }
    }
}
