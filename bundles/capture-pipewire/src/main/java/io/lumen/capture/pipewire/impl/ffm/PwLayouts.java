package io.lumen.capture.pipewire.impl.ffm;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The libpipewire-0.3 and SPA structs lumen reads, writes or hands over, for x86_64 and PipeWire 0.3.65 (Debian
 * 12). Sizes and offsets were checked with offsetof()/sizeof() against that release's headers; PwLayoutsTest pins
 * them, so a layout edit that drifts from those numbers fails the build.
 */
final class PwLayouts {

    private PwLayouts() {
    }

    private static final MemoryLayout FN = ADDRESS;

    /** struct spa_list { next, prev }. */
    static final StructLayout SPA_LIST = MemoryLayout.structLayout(ADDRESS.withName("next"), ADDRESS.withName("prev"));

    /** struct spa_callbacks { funcs, data }. */
    static final StructLayout SPA_CALLBACKS = MemoryLayout.structLayout(ADDRESS.withName("funcs"),
            ADDRESS.withName("data"));

    /** struct spa_interface: the head of every proxy (pw_core, pw_registry); methods are reached through it. */
    static final StructLayout SPA_INTERFACE = MemoryLayout.structLayout(ADDRESS.withName("type"),
            JAVA_INT.withName("version"), MemoryLayout.paddingLayout(4), SPA_CALLBACKS.withName("cb"));

    /** struct spa_hook: caller-owned, zeroed, linked into the emitter's list while the listener is registered. */
    static final StructLayout SPA_HOOK = MemoryLayout.structLayout(SPA_LIST.withName("link"),
            SPA_CALLBACKS.withName("cb"), FN.withName("removed"), ADDRESS.withName("priv"));

    static final StructLayout SPA_DICT_ITEM = MemoryLayout.structLayout(ADDRESS.withName("key"),
            ADDRESS.withName("value"));
    static final StructLayout SPA_DICT = MemoryLayout.structLayout(JAVA_INT.withName("flags"),
            JAVA_INT.withName("n_items"), ADDRESS.withName("items"));

    /** struct pw_core_methods (version 0). */
    static final StructLayout CORE_METHODS = MemoryLayout.structLayout(JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4), FN.withName("add_listener"), FN.withName("hello"), FN.withName("sync"),
            FN.withName("pong"), FN.withName("error"), FN.withName("get_registry"), FN.withName("create_object"),
            FN.withName("destroy"));

    /** struct pw_core_events (version 0). */
    static final StructLayout CORE_EVENTS = MemoryLayout.structLayout(JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4), FN.withName("info"), FN.withName("done"), FN.withName("ping"),
            FN.withName("error"), FN.withName("remove_id"), FN.withName("bound_id"), FN.withName("add_mem"),
            FN.withName("remove_mem"));

    /** struct pw_registry_methods (version 0). */
    static final StructLayout REGISTRY_METHODS = MemoryLayout.structLayout(JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4), FN.withName("add_listener"), FN.withName("bind"), FN.withName("destroy"));

    /** struct pw_registry_events (version 0). */
    static final StructLayout REGISTRY_EVENTS = MemoryLayout.structLayout(JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4), FN.withName("global"), FN.withName("global_remove"));

    /** struct pw_node_methods (version 0). */
    static final StructLayout NODE_METHODS = MemoryLayout.structLayout(JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4), FN.withName("add_listener"), FN.withName("subscribe_params"),
            FN.withName("enum_params"), FN.withName("set_param"), FN.withName("send_command"));

    /** struct pw_node_events (version 0). */
    static final StructLayout NODE_EVENTS = MemoryLayout.structLayout(JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4), FN.withName("info"), FN.withName("param"));

    /** struct pw_metadata_methods (version 0, extensions/metadata.h). */
    static final StructLayout METADATA_METHODS = MemoryLayout.structLayout(JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4), FN.withName("add_listener"), FN.withName("set_property"),
            FN.withName("clear"));

    /** struct pw_metadata_events (version 0). */
    static final StructLayout METADATA_EVENTS = MemoryLayout.structLayout(JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4), FN.withName("property"));

    /** struct pw_stream_events (version 2). */
    static final StructLayout STREAM_EVENTS = MemoryLayout.structLayout(JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4), FN.withName("destroy"), FN.withName("state_changed"),
            FN.withName("control_info"), FN.withName("io_changed"), FN.withName("param_changed"),
            FN.withName("add_buffer"), FN.withName("remove_buffer"), FN.withName("process"), FN.withName("drained"),
            FN.withName("command"), FN.withName("trigger_done"));

    /** struct pw_buffer { spa_buffer *buffer; void *user_data; uint64_t size; uint64_t requested; }. */
    static final StructLayout PW_BUFFER = MemoryLayout.structLayout(ADDRESS.withName("buffer"),
            ADDRESS.withName("user_data"), JAVA_LONG.withName("size"), JAVA_LONG.withName("requested"));

    static final StructLayout SPA_BUFFER = MemoryLayout.structLayout(JAVA_INT.withName("n_metas"),
            JAVA_INT.withName("n_datas"), ADDRESS.withName("metas"), ADDRESS.withName("datas"));

    static final StructLayout SPA_META = MemoryLayout.structLayout(JAVA_INT.withName("type"),
            JAVA_INT.withName("size"), ADDRESS.withName("data"));

    static final StructLayout SPA_META_HEADER = MemoryLayout.structLayout(JAVA_INT.withName("flags"),
            JAVA_INT.withName("offset"), JAVA_LONG.withName("pts"), JAVA_LONG.withName("dts_offset"),
            JAVA_LONG.withName("seq"));

    static final StructLayout SPA_DATA = MemoryLayout.structLayout(JAVA_INT.withName("type"),
            JAVA_INT.withName("flags"), JAVA_LONG.withName("fd"), JAVA_INT.withName("mapoffset"),
            JAVA_INT.withName("maxsize"), ADDRESS.withName("data"), ADDRESS.withName("chunk"));

    static final StructLayout SPA_CHUNK = MemoryLayout.structLayout(JAVA_INT.withName("offset"),
            JAVA_INT.withName("size"), JAVA_INT.withName("stride"), JAVA_INT.withName("flags"));

    /** struct spa_pod { uint32_t size; uint32_t type; } followed by size bytes of body. */
    static final long SPA_POD_HEADER = 8;

    static long offset(StructLayout layout, String... path) {
        MemoryLayout.PathElement[] elements = new MemoryLayout.PathElement[path.length];
        for (int i = 0; i < path.length; i++) {
            elements[i] = groupElement(path[i]);
        }
        return layout.byteOffset(elements);
    }

    static final java.lang.foreign.AddressLayout POINTER_LAYOUT = ADDRESS;

    static final long INTERFACE_FUNCS = offset(SPA_INTERFACE, "cb", "funcs");
    static final long INTERFACE_DATA = offset(SPA_INTERFACE, "cb", "data");

    static final long BUFFER_N_METAS = offset(SPA_BUFFER, "n_metas");
    static final long BUFFER_N_DATAS = offset(SPA_BUFFER, "n_datas");
    static final long BUFFER_METAS = offset(SPA_BUFFER, "metas");
    static final long BUFFER_DATAS = offset(SPA_BUFFER, "datas");

    static final int ID_CORE = 0;
    static final int ID_ANY = -1;

    static final int VERSION_REGISTRY = 3;
    static final int VERSION_NODE = 3;
    static final int VERSION_METADATA = 3;
    static final int VERSION_STREAM_EVENTS = 2;

    /** enum spa_direction: a capture stream is an input, a producer's an output. */
    static final int DIRECTION_INPUT = 0;
    static final int DIRECTION_OUTPUT = 1;

    /** enum pw_stream_flags. */
    static final int STREAM_FLAG_AUTOCONNECT = 1;
    static final int STREAM_FLAG_MAP_BUFFERS = 1 << 2;
    static final int STREAM_FLAG_DRIVER = 1 << 3;
    static final int STREAM_FLAG_DONT_RECONNECT = 1 << 7;
    static final int STREAM_FLAG_ALLOC_BUFFERS = 1 << 8;

    /** spa_data flags: the memory may be read, written. */
    static final int DATA_FLAG_READABLE = 1;
    static final int DATA_FLAG_WRITABLE = 1 << 1;
}
