package io.lumen.capture.pipewire.impl.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A node this connection asked a factory of the daemon to make ({@code pw_core_create_object}, what
 * {@code pw-cli create-node} does). Without {@code object.linger} the daemon destroys it when the proxy goes:
 * on {@link #close()}, or when the connection dies with its process, so a killed owner leaves nothing behind.
 */
public final class PwCreatedNode implements AutoCloseable {

    private final PwConnection connection;
    private final String name;
    private MemorySegment proxy = MemorySegment.NULL;
    private int id = -1;
    private boolean closed;

    private PwCreatedNode(PwConnection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /**
     * Makes a node with {@code factory} ("adapter") and {@code properties}; returns once the daemon has bound it
     * and given it a global id, or throws with the daemon's own error.
     */
    public static PwCreatedNode create(PwConnection connection, String factory, Map<String, String> properties,
                                       Duration timeout) throws PipeWireException {
        PwCreatedNode node = new PwCreatedNode(connection, properties.getOrDefault("node.name", factory));
        List<PwConnection.CoreError> errors = new CopyOnWriteArrayList<>();
        connection.addErrorListener(errors::add);
        connection.adopt(node);
        try {
            connection.loop().locked(() -> {
                node.proxy = node.createObject(factory, properties);
                return null;
            });
            connection.roundtrip(timeout);
            node.id = connection.loop().locked(() -> {
                try {
                    return (int) connection.pipeWire().proxyGetBoundId.invokeExact(node.proxy);
                } catch (Throwable e) {
                    throw new PipeWireException("pw_proxy_get_bound_id failed: " + e);
                }
            });
            if (node.id < 0) {
                throw new PipeWireException("the daemon did not create node " + node.name
                        + (errors.isEmpty() ? "" : ": " + errors.getLast()));
            }
        } catch (PipeWireException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private MemorySegment createObject(String factory, Map<String, String> properties) throws PipeWireException {
        try (Arena call = Arena.ofConfined()) {
            MethodHandle create = SpaInterfaceCall.method(connection.core(), PwLayouts.CORE_METHODS, "create_object")
                    .handle(FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG));
            MemorySegment created = (MemorySegment) create.invokeExact(call.allocateFrom(factory),
                    call.allocateFrom(PwRegistry.NODE), PwLayouts.VERSION_NODE, SpaDict.write(call, properties), 0L);
            if (created.address() == 0) {
                throw new PipeWireException("pw_core_create_object(" + factory + ") returned nothing");
            }
            return created;
        } catch (PipeWireException e) {
            throw e;
        } catch (Throwable e) {
            throw new PipeWireException("creating node " + name + " failed: " + e);
        }
    }

    /** The node's global id. */
    public int id() {
        return id;
    }

    /** Destroys the proxy, and with it the node (unless it was made to linger). Not on the loop thread. */
    @Override
    public void close() {
        connection.loop().requireOutsideLoop("destroying a node");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        connection.closeProxy(this, null, proxy, "node " + name);
    }

    @Override
    public String toString() {
        return "node " + name + " (" + id + ")";
    }
}
