package io.lumen.capture.portal.impl;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.types.Variant;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Reads Start's {@code streams} (a(ua{sv}): each stream's PipeWire node and its properties) however dbus-java
 * unpacked the structs: as Struct, Object[] or List.
 */
final class PortalStreams {

    private PortalStreams() {
    }

    /** The first stream's node id. */
    static OptionalInt node(Variant<?> streams) {
        Object id = field(first(streams), 0);
        return id instanceof Number number ? OptionalInt.of(number.intValue()) : OptionalInt.empty();
    }

    /**
     * The first stream's {@code size} property (width, height), {0, 0} when the portal named none. The portal
     * frontend takes absolute positions and touch points only inside a stream's size.
     */
    static int[] size(Variant<?> streams) {
        if (!(field(first(streams), 1) instanceof Map<?, ?> properties)
                || !(properties.get("size") instanceof Variant<?> size)) {
            return new int[] {0, 0};
        }
        Object width = field(size.getValue(), 0);
        Object height = field(size.getValue(), 1);
        return width instanceof Number w && height instanceof Number h && w.intValue() > 0 && h.intValue() > 0
                ? new int[] {w.intValue(), h.intValue()} : new int[] {0, 0};
    }

    private static Object first(Variant<?> streams) {
        return streams != null && streams.getValue() instanceof List<?> list && !list.isEmpty() ? list.getFirst()
                : null;
    }

    private static Object field(Object struct, int index) {
        Object[] fields = switch (struct) {
            case Object[] array -> array;
            case Struct value -> value.getParameters();
            case List<?> list -> list.toArray();
            case null, default -> new Object[0];
        };
        return index < fields.length ? fields[index] : null;
    }
}
