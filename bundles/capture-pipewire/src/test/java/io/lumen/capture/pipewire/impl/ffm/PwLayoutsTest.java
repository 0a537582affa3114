package io.lumen.capture.pipewire.impl.ffm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sizes and offsets offsetof()/sizeof() gave against PipeWire 0.3.65's headers on x86_64 (Debian 12); a
 * layout edit that drifts from them fails here rather than corrupting memory at run time.
 */
class PwLayoutsTest {

    @Test
    void eventAndMethodTablesMatchTheHeaders() {
        assertEquals(96, PwLayouts.STREAM_EVENTS.byteSize());
        assertEquals(16, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "state_changed"));
        assertEquals(40, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "param_changed"));
        assertEquals(48, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "add_buffer"));
        assertEquals(56, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "remove_buffer"));
        assertEquals(64, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "process"));
        assertEquals(88, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "trigger_done"));
        assertEquals(72, PwLayouts.CORE_EVENTS.byteSize());
        assertEquals(16, PwLayouts.offset(PwLayouts.CORE_EVENTS, "done"));
        assertEquals(32, PwLayouts.offset(PwLayouts.CORE_EVENTS, "error"));
        assertEquals(72, PwLayouts.CORE_METHODS.byteSize());
        assertEquals(8, PwLayouts.offset(PwLayouts.CORE_METHODS, "add_listener"));
        assertEquals(24, PwLayouts.offset(PwLayouts.CORE_METHODS, "sync"));
        assertEquals(48, PwLayouts.offset(PwLayouts.CORE_METHODS, "get_registry"));
        assertEquals(24, PwLayouts.REGISTRY_EVENTS.byteSize());
        assertEquals(8, PwLayouts.offset(PwLayouts.REGISTRY_EVENTS, "global"));
        assertEquals(16, PwLayouts.offset(PwLayouts.REGISTRY_EVENTS, "global_remove"));
        assertEquals(32, PwLayouts.REGISTRY_METHODS.byteSize());
        assertEquals(8, PwLayouts.offset(PwLayouts.REGISTRY_METHODS, "add_listener"));
        assertEquals(16, PwLayouts.offset(PwLayouts.REGISTRY_METHODS, "bind"));
        assertEquals(48, PwLayouts.NODE_METHODS.byteSize());
        assertEquals(8, PwLayouts.offset(PwLayouts.NODE_METHODS, "add_listener"));
        assertEquals(16, PwLayouts.offset(PwLayouts.NODE_METHODS, "subscribe_params"));
        assertEquals(24, PwLayouts.offset(PwLayouts.NODE_METHODS, "enum_params"));
        assertEquals(24, PwLayouts.NODE_EVENTS.byteSize());
        assertEquals(8, PwLayouts.offset(PwLayouts.NODE_EVENTS, "info"));
        assertEquals(16, PwLayouts.offset(PwLayouts.NODE_EVENTS, "param"));
        // extensions/metadata.h: version, then add_listener, set_property, clear; the one property event
        assertEquals(32, PwLayouts.METADATA_METHODS.byteSize());
        assertEquals(16, PwLayouts.offset(PwLayouts.METADATA_METHODS, "set_property"));
        assertEquals(16, PwLayouts.METADATA_EVENTS.byteSize());
        assertEquals(8, PwLayouts.offset(PwLayouts.METADATA_EVENTS, "property"));
        assertEquals(56, PwLayouts.offset(PwLayouts.CORE_METHODS, "create_object"));
        assertEquals(24, PwLayouts.offset(PwLayouts.REGISTRY_METHODS, "destroy"));
        assertEquals(3, PwLayouts.VERSION_NODE);
    }

    @Test
    void hooksInterfacesAndDictsMatchTheHeaders() {
        assertEquals(32, PwLayouts.SPA_INTERFACE.byteSize());
        assertEquals(16, PwLayouts.INTERFACE_FUNCS);
        assertEquals(24, PwLayouts.INTERFACE_DATA);
        assertEquals(48, PwLayouts.SPA_HOOK.byteSize());
        assertEquals(16, PwLayouts.offset(PwLayouts.SPA_HOOK, "cb"));
        assertEquals(32, PwLayouts.offset(PwLayouts.SPA_HOOK, "removed"));
        assertEquals(40, PwLayouts.offset(PwLayouts.SPA_HOOK, "priv"));
        assertEquals(16, PwLayouts.SPA_DICT.byteSize());
        assertEquals(4, PwLayouts.offset(PwLayouts.SPA_DICT, "n_items"));
        assertEquals(8, PwLayouts.offset(PwLayouts.SPA_DICT, "items"));
        assertEquals(16, PwLayouts.SPA_DICT_ITEM.byteSize());
    }

    @Test
    void buffersMatchTheHeaders() {
        assertEquals(32, PwLayouts.PW_BUFFER.byteSize());
        assertEquals(24, PwLayouts.SPA_BUFFER.byteSize());
        assertEquals(4, PwLayouts.BUFFER_N_DATAS);
        assertEquals(8, PwLayouts.BUFFER_METAS);
        assertEquals(16, PwLayouts.BUFFER_DATAS);
        assertEquals(16, PwLayouts.SPA_META.byteSize());
        assertEquals(32, PwLayouts.SPA_META_HEADER.byteSize());
        assertEquals(0, PwLayouts.offset(PwLayouts.SPA_META_HEADER, "flags"));
        assertEquals(4, PwLayouts.offset(PwLayouts.SPA_META_HEADER, "offset"));
        assertEquals(8, PwLayouts.offset(PwLayouts.SPA_META_HEADER, "pts"));
        assertEquals(16, PwLayouts.offset(PwLayouts.SPA_META_HEADER, "dts_offset"));
        assertEquals(24, PwLayouts.offset(PwLayouts.SPA_META_HEADER, "seq"));
        assertEquals(0, PwLayouts.offset(PwLayouts.SPA_META, "type"));
        assertEquals(4, PwLayouts.offset(PwLayouts.SPA_META, "size"));
        assertEquals(8, PwLayouts.offset(PwLayouts.SPA_META, "data"));
        assertEquals(40, PwLayouts.SPA_DATA.byteSize());
        assertEquals(0, PwLayouts.offset(PwLayouts.SPA_DATA, "type"));
        assertEquals(4, PwLayouts.offset(PwLayouts.SPA_DATA, "flags"));
        assertEquals(8, PwLayouts.offset(PwLayouts.SPA_DATA, "fd"));
        assertEquals(16, PwLayouts.offset(PwLayouts.SPA_DATA, "mapoffset"));
        assertEquals(20, PwLayouts.offset(PwLayouts.SPA_DATA, "maxsize"));
        assertEquals(24, PwLayouts.offset(PwLayouts.SPA_DATA, "data"));
        assertEquals(32, PwLayouts.offset(PwLayouts.SPA_DATA, "chunk"));
        assertEquals(16, PwLayouts.SPA_CHUNK.byteSize());
        assertEquals(0, PwLayouts.offset(PwLayouts.SPA_CHUNK, "offset"));
        assertEquals(4, PwLayouts.offset(PwLayouts.SPA_CHUNK, "size"));
        assertEquals(8, PwLayouts.offset(PwLayouts.SPA_CHUNK, "stride"));
        assertEquals(12, PwLayouts.offset(PwLayouts.SPA_CHUNK, "flags"));
    }

    @Test
    void enumValuesMatchTheHeaders() {
        assertEquals(0, PwLayouts.DIRECTION_INPUT);
        assertEquals(1, PwLayouts.DIRECTION_OUTPUT);
        assertEquals(1, PwLayouts.STREAM_FLAG_AUTOCONNECT);
        assertEquals(4, PwLayouts.STREAM_FLAG_MAP_BUFFERS);
        assertEquals(8, PwLayouts.STREAM_FLAG_DRIVER);
        assertEquals(128, PwLayouts.STREAM_FLAG_DONT_RECONNECT);
        assertEquals(256, PwLayouts.STREAM_FLAG_ALLOC_BUFFERS);
        assertEquals(1, PwLayouts.DATA_FLAG_READABLE);
        assertEquals(2, PwLayouts.DATA_FLAG_WRITABLE);
        assertEquals(2, PwLayouts.VERSION_STREAM_EVENTS);
    }
}
