package io.lumen.capture.pipewire.impl.ffm;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemoryLayout.PathElement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The node method and event tables, against sizeof/offsetof printed from the 0.3.65 headers. */
class NodeFormatsLayoutTest {

    @Test
    void nodeMethodsAndEventsMatchTheHeaders() {
        assertEquals(48, NodeFormats.NODE_METHODS.byteSize());
        assertEquals(8, NodeFormats.NODE_METHODS.byteOffset(PathElement.groupElement("add_listener")));
        assertEquals(16, NodeFormats.NODE_METHODS.byteOffset(PathElement.groupElement("subscribe_params")));
        assertEquals(24, NodeFormats.NODE_METHODS.byteOffset(PathElement.groupElement("enum_params")));
        assertEquals(24, NodeFormats.NODE_EVENTS.byteSize());
        assertEquals(8, NodeFormats.NODE_EVENTS.byteOffset(PathElement.groupElement("info")));
        assertEquals(16, NodeFormats.NODE_EVENTS.byteOffset(PathElement.groupElement("param")));
        assertEquals(3, NodeFormats.VERSION_NODE);
    }
}
