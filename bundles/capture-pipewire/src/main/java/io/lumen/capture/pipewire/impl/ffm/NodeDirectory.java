package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.nativeaccess.Errno;
import io.lumen.nativeaccess.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The video-producing nodes of one connection's graph, kept up to date from the registry's global and
 * global_remove events. {@link #list()} is a snapshot; the listener hears each change on the loop thread.
 */
public final class NodeDirectory implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");
    static final String NODE_TYPE = "PipeWire:Interface:Node";

    /** Hears nodes come and go, on the loop thread; must not block. */
    public interface Listener {
        default void added(VideoNode node) {
        }

        default void removed(VideoNode node) {
        }
    }

    private final PwConnection connection;
    private final Listener listener;
    private final Arena arena = Arena.ofShared();
    private final WarnOnce warnings = new WarnOnce(LOG);
    private final SpaHook hook = new SpaHook(arena);
    private final Map<Integer, VideoNode> nodes = new ConcurrentHashMap<>();
    private MemorySegment registry = MemorySegment.NULL;
    private boolean closed;

    private NodeDirectory(PwConnection connection, Listener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    /** Binds the registry and returns once the nodes that exist now are listed (one roundtrip). */
    public static NodeDirectory open(PwConnection connection, Listener listener, Duration timeout)
            throws PipeWireException {
        NodeDirectory directory = new NodeDirectory(connection, listener);
        connection.adopt(directory);
        try {
            connection.loop().locked(() -> {
                directory.bindRegistry();
                return null;
            });
            connection.roundtrip(timeout);
        } catch (PipeWireException | RuntimeException e) {
            directory.close();
            throw e;
        }
        return directory;
    }

    private void bindRegistry() throws PipeWireException {
        try {
            MethodHandle getRegistry = SpaInterfaceCall.method(connection.core(), PwLayouts.CORE_METHODS,
                    "get_registry").handle(FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG));
            registry = (MemorySegment) getRegistry.invokeExact(PwLayouts.VERSION_REGISTRY, 0L);
            if (registry.address() == 0) {
                throw new PipeWireException("pw_core_get_registry returned nothing");
            }
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MemorySegment events = arena.allocate(PwLayouts.REGISTRY_EVENTS);
            events.set(JAVA_INT, PwLayouts.offset(PwLayouts.REGISTRY_EVENTS, "version"), 0);
            events.set(ADDRESS, PwLayouts.offset(PwLayouts.REGISTRY_EVENTS, "global"), Upcalls.stub(arena, lookup,
                    this, "onGlobal", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT,
                            ADDRESS), warnings, "registry.global"));
            events.set(ADDRESS, PwLayouts.offset(PwLayouts.REGISTRY_EVENTS, "global_remove"), Upcalls.stub(arena,
                    lookup, this, "onGlobalRemove", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT), warnings,
                    "registry.global_remove"));
            MethodHandle addListener = SpaInterfaceCall.method(registry, PwLayouts.REGISTRY_METHODS, "add_listener")
                    .handle(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
            int result = (int) addListener.invokeExact(hook.segment(), events, MemorySegment.NULL);
            if (result < 0) {
                throw new PipeWireException("adding the registry listener failed: " + Errno.describe(-result));
            }
        } catch (PipeWireException e) {
            throw e;
        } catch (Throwable e) {
            throw new PipeWireException("binding the registry failed: " + e);
        }
    }

    private void onGlobal(MemorySegment data, int id, int permissions, MemorySegment type, int version,
                          MemorySegment props) {
        if (!NODE_TYPE.equals(SpaDict.string(type))) {
            return;
        }
        Map<String, String> properties = SpaDict.read(props);
        if (!VideoNode.producesVideo(properties.get("media.class"))) {
            return;
        }
        VideoNode node = VideoNode.of(id, properties);
        nodes.put(id, node);
        LOG.log(System.Logger.Level.DEBUG, "PipeWire video node " + id + " appeared: " + node.name() + " ("
                + node.mediaClass() + ")");
        listener.added(node);
    }

    private void onGlobalRemove(MemorySegment data, int id) {
        VideoNode node = nodes.remove(id);
        if (node != null) {
            LOG.log(System.Logger.Level.DEBUG, "PipeWire video node " + id + " went away: " + node.name());
            listener.removed(node);
        }
    }

    /** The EnumFormat params node {@code nodeId} offers now. Not on the loop thread. */
    public List<io.lumen.capture.pipewire.impl.spa.SpaPod> formats(int nodeId, Duration timeout)
            throws PipeWireException {
        connection.loop().requireOutsideLoop("reading a node's formats");
        return NodeFormats.read(connection, registry, nodeId, timeout);
    }

    /** The video nodes now, by id. */
    public List<VideoNode> list() {
        return nodes.values().stream().sorted(Comparator.comparingInt(VideoNode::id)).toList();
    }

    /** Stops listening and destroys the registry proxy. Not on the loop thread. */
    @Override
    public void close() {
        connection.loop().requireOutsideLoop("closing the node directory");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            connection.loop().locked(() -> {
                hook.remove();
                if (registry.address() != 0) {
                    connection.pipeWire().destroyProxy(registry);
                }
                return null;
            });
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "closing the node directory failed: " + e);
        }
        connection.release(this);
        arena.close();
    }
}
