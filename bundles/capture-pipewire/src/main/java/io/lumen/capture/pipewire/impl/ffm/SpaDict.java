package io.lumen.capture.pipewire.impl.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/** {@code struct spa_dict}: string properties in and out of libpipewire. */
@SuppressWarnings("restricted") // the dict's items and strings are C pointers
final class SpaDict {

    private static final long N_ITEMS = PwLayouts.offset(PwLayouts.SPA_DICT, "n_items");
    private static final long ITEMS = PwLayouts.offset(PwLayouts.SPA_DICT, "items");
    private static final long KEY = PwLayouts.offset(PwLayouts.SPA_DICT_ITEM, "key");
    private static final long VALUE = PwLayouts.offset(PwLayouts.SPA_DICT_ITEM, "value");
    private static final long MAX_STRING = 64 * 1024;

    private SpaDict() {
    }

    /** A dict of {@code properties} in {@code arena}; it lives (and must only be used) while the arena does. */
    static MemorySegment write(Arena arena, Map<String, String> properties) {
        MemorySegment dict = arena.allocate(PwLayouts.SPA_DICT);
        MemorySegment items = arena.allocate(PwLayouts.SPA_DICT_ITEM, Math.max(1, properties.size()));
        long at = 0;
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            items.set(PwLayouts.POINTER_LAYOUT, at + KEY, arena.allocateFrom(entry.getKey()));
            items.set(PwLayouts.POINTER_LAYOUT, at + VALUE, arena.allocateFrom(entry.getValue()));
            at += PwLayouts.SPA_DICT_ITEM.byteSize();
        }
        dict.set(JAVA_INT, N_ITEMS, properties.size());
        dict.set(PwLayouts.POINTER_LAYOUT, ITEMS, items);
        return dict;
    }

    /** The dict at {@code dict} as a map, in its order; empty for NULL. Values that are NULL read as "". */
    static Map<String, String> read(MemorySegment dict) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (dict.address() == 0) {
            return properties;
        }
        MemorySegment head = dict.reinterpret(PwLayouts.SPA_DICT.byteSize());
        int count = head.get(JAVA_INT, N_ITEMS);
        MemorySegment items = head.get(PwLayouts.POINTER_LAYOUT, ITEMS)
                .reinterpret(count * PwLayouts.SPA_DICT_ITEM.byteSize());
        for (int i = 0; i < count; i++) {
            long at = i * PwLayouts.SPA_DICT_ITEM.byteSize();
            String key = string(items.get(PwLayouts.POINTER_LAYOUT, at + KEY));
            if (key != null) {
                String value = string(items.get(PwLayouts.POINTER_LAYOUT, at + VALUE));
                properties.put(key, value == null ? "" : value);
            }
        }
        return properties;
    }

    /** A C string, or null for NULL. */
    static String string(MemorySegment text) {
        return text.address() == 0 ? null : text.reinterpret(MAX_STRING).getString(0);
    }
}
