package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.nativeaccess.Errno;
import io.lumen.log.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Every global of one connection's graph (nodes, metadata, clients) with the properties the registry announces,
 * kept up to date from its global and global_remove events: the audio capture looks for sinks, the "default"
 * metadata and the clients that own nodes; {@link NodeDirectory} keeps the nodes that produce video.
 */
public final class PwRegistry implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");
    public static final String NODE = "PipeWire:Interface:Node";
    public static final String METADATA = "PipeWire:Interface:Metadata";
    public static final String CLIENT = "PipeWire:Interface:Client";

    /** One global: its id, interface type and announced properties. */
    public record Global(int id, String type, Map<String, String> properties) {
        public String property(String key) {
            return properties.get(key);
        }
    }

    /** Hears globals come and go, on the loop thread; must not block. */
    public interface Listener {
        default void added(Global global) {
        }

        default void removed(Global global) {
        }
    }

    private final PwConnection connection;
    private final Listener listener;
    private final Arena arena = Arena.ofShared();
    private final WarnOnce warnings = new WarnOnce(LOG);
    private final SpaHook hook = new SpaHook(arena);
    private final Map<Integer, Global> globals = new ConcurrentHashMap<>();
    private MemorySegment registry = MemorySegment.NULL;
    private boolean closed;

    private PwRegistry(PwConnection connection, Listener listener) {
        this.connection = connection;
        this.listener = listener;
    }

    /** Binds the registry and returns once every global that exists now is known (one roundtrip). */
    public static PwRegistry open(PwConnection connection, Listener listener, Duration timeout)
            throws PipeWireException {
        PwRegistry opened = new PwRegistry(connection, listener);
        connection.adopt(opened);
        try {
            connection.loop().locked(() -> {
                opened.bind();
                return null;
            });
            connection.roundtrip(timeout);
        } catch (PipeWireException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    private void bind() throws PipeWireException {
        try {
            MethodHandle getRegistry = SpaInterfaceCall.method(connection.core(), PwLayouts.CORE_METHODS,
                    "get_registry").handle(FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG));
            registry = (MemorySegment) getRegistry.invokeExact(PwLayouts.VERSION_REGISTRY, 0L);
            if (registry.address() == 0) {
                throw new PipeWireException("pw_core_get_registry returned nothing");
            }
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MemorySegment events = arena.allocate(PwLayouts.REGISTRY_EVENTS);
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
        Global global = new Global(id, SpaDict.string(type), Map.copyOf(SpaDict.read(props)));
        globals.put(id, global);
        listener.added(global);
    }

    private void onGlobalRemove(MemorySegment data, int id) {
        Global global = globals.remove(id);
        if (global != null) {
            listener.removed(global);
        }
    }

    /** The globals of {@code type} now, by id. */
    public List<Global> globals(String type) {
        return globals.values().stream().filter(g -> type.equals(g.type()))
                .sorted(Comparator.comparingInt(Global::id)).toList();
    }

    public Optional<Global> global(int id) {
        return Optional.ofNullable(globals.get(id));
    }

    /** The node called {@code nodeName} (the first by id, should there be several). */
    public Optional<Global> nodeNamed(String nodeName) {
        return globals(NODE).stream().filter(g -> nodeName.equals(g.property("node.name"))).findFirst();
    }

    /**
     * Asks the daemon to destroy global {@code id} ({@code pw_registry_destroy}, what {@code pw-cli destroy}
     * does); its removal arrives as an event.
     */
    public void destroy(int id) throws PipeWireException {
        connection.loop().locked(() -> {
            try {
                MethodHandle destroy = SpaInterfaceCall.method(registry, PwLayouts.REGISTRY_METHODS, "destroy")
                        .handle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
                int result = (int) destroy.invokeExact(id);
                if (result < 0) {
                    throw new PipeWireException("destroying global " + id + " failed: " + Errno.describe(-result));
                }
                return null;
            } catch (PipeWireException e) {
                throw e;
            } catch (Throwable e) {
                throw new PipeWireException("destroying global " + id + " failed: " + e);
            }
        });
    }

    /** Binds global {@code id} as a proxy of {@code type} at {@code version}; under the loop lock. */
    MemorySegment bindProxy(int id, String type, int version, Arena typeArena) throws PipeWireException {
        try {
            MethodHandle bind = SpaInterfaceCall.method(registry, PwLayouts.REGISTRY_METHODS, "bind")
                    .handle(FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
            MemorySegment proxy = (MemorySegment) bind.invokeExact(id, typeArena.allocateFrom(type), version, 0L);
            if (proxy.address() == 0) {
                throw new PipeWireException("binding " + type + " " + id + " failed");
            }
            return proxy;
        } catch (PipeWireException e) {
            throw e;
        } catch (Throwable e) {
            throw new PipeWireException("binding " + type + " " + id + " failed: " + e);
        }
    }

    PwConnection connection() {
        return connection;
    }

    /** The registry proxy itself, for calls on it under the loop lock. */
    MemorySegment proxy() {
        return registry;
    }

    /** Stops listening and destroys the registry proxy. Not on the loop thread. */
    @Override
    public void close() {
        connection.loop().requireOutsideLoop("closing the registry");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        connection.closeProxy(this, hook, registry, "the registry");
        arena.close();
    }
}
