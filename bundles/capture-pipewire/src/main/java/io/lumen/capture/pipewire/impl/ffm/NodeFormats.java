package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.capture.pipewire.impl.spa.SpaParam;
import io.lumen.capture.pipewire.impl.spa.SpaPod;
import io.lumen.capture.pipewire.impl.spa.SpaPodException;
import io.lumen.capture.pipewire.impl.spa.SpaPodParser;
import io.lumen.nativeaccess.Errno;
import io.lumen.log.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The formats a node offers (its EnumFormat params), asked the way pw-cli's enum-params does: bind the node
 * through the registry, listen for its param events, enumerate, and wait for a core roundtrip, after which every
 * reply has arrived (one connection delivers in order).
 */
final class NodeFormats {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");
    private static final int MAX_FORMATS = 64;

    private final List<SpaPod> formats = new ArrayList<>();
    private final WarnOnce warnings = new WarnOnce(LOG);

    private NodeFormats() {
    }

    /** The EnumFormat pods of node {@code nodeId}, reached through {@code registry} on {@code connection}. */
    static List<SpaPod> read(PwConnection connection, MemorySegment registry, int nodeId, Duration timeout)
            throws PipeWireException {
        NodeFormats collector = new NodeFormats();
        try (Arena arena = Arena.ofShared()) {
            SpaHook hook = new SpaHook(arena);
            MemorySegment node = connection.loop().locked(() -> collector.ask(connection, registry, nodeId, arena,
                    hook));
            try {
                connection.roundtrip(timeout);
            } finally {
                connection.loop().locked(() -> {
                    hook.remove();
                    connection.pipeWire().destroyProxy(node);
                    return null;
                });
            }
        }
        synchronized (collector.formats) {
            return List.copyOf(collector.formats);
        }
    }

    private MemorySegment ask(PwConnection connection, MemorySegment registry, int nodeId, Arena arena, SpaHook hook)
            throws PipeWireException {
        try {
            MethodHandle bind = SpaInterfaceCall.method(registry, PwLayouts.REGISTRY_METHODS, "bind")
                    .handle(FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
            MemorySegment node = (MemorySegment) bind.invokeExact(nodeId,
                    arena.allocateFrom(NodeDirectory.NODE_TYPE),
                    PwLayouts.VERSION_NODE, 0L);
            if (node.address() == 0) {
                throw new PipeWireException("binding node " + nodeId + " failed");
            }
            MemorySegment events = arena.allocate(PwLayouts.NODE_EVENTS);
            events.set(ADDRESS, PwLayouts.offset(PwLayouts.NODE_EVENTS, "param"),
                    Upcalls.stub(arena, MethodHandles.lookup(), this, "onParam", FunctionDescriptor.ofVoid(ADDRESS,
                            JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), warnings, "node.param"));
            MethodHandle addListener = SpaInterfaceCall.method(node, PwLayouts.NODE_METHODS, "add_listener")
                    .handle(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
            int added = (int) addListener.invokeExact(hook.segment(), events, MemorySegment.NULL);
            MethodHandle enumParams = SpaInterfaceCall.method(node, PwLayouts.NODE_METHODS, "enum_params")
                    .handle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
            int asked = added < 0 ? added
                    : (int) enumParams.invokeExact(0, SpaParam.ENUM_FORMAT, 0, MAX_FORMATS, MemorySegment.NULL);
            if (added < 0 || asked < 0) {
                connection.pipeWire().destroyProxy(node);
                throw new PipeWireException("asking node " + nodeId + " for its formats failed: "
                        + Errno.describe(-(added < 0 ? added : asked)));
            }
            return node;
        } catch (PipeWireException e) {
            throw e;
        } catch (Throwable e) {
            throw new PipeWireException("asking node " + nodeId + " for its formats failed: " + e);
        }
    }

    private void onParam(MemorySegment data, int seq, int id, int index, int next, MemorySegment param) {
        if (id != SpaParam.ENUM_FORMAT || param.address() == 0) {
            return;
        }
        try {
            SpaPod pod = SpaPodParser.parseNative(param, 1 << 16);
            synchronized (formats) {
                formats.add(pod);
            }
        } catch (SpaPodException e) {
            warnings.warn("unreadable format", "a node offered a format lumen cannot read: " + e.getMessage());
        }
    }
}
