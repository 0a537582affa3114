package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.nativeaccess.Errno;
import io.lumen.nativeaccess.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A capture {@code pw_stream} on a connection: it connects to a video node, hands the negotiation's params
 * (already built SPA pods) to libpipewire, and delivers state changes, param changes and buffers to {@link Events}.
 *
 * <p>Threads: events run holding the loop lock, on the loop thread (or inside the call that caused them). The stream is connected
 * without {@code PW_STREAM_FLAG_RT_PROCESS}, so {@code process} runs there too (not on the data thread, which does
 * not hold that lock): one thread, one lock, for every callback. Methods take the lock themselves when called from
 * another thread; {@link #close()} refuses to run inside a callback.
 */
public final class PwStream implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");

    /**
     * What the stream reports, under the loop lock: on the loop thread, or synchronously inside the wrapper call
     * that caused it (connect reports "connecting" before it returns). Must not block, wait or close.
     */
    public interface Events {
        /** {@code error}: libpipewire's reason for ERROR, or the wrapper's for an unrequested UNCONNECTED. */
        default void stateChanged(StreamState previous, StreamState now, String error) {
        }

        /** A param was set ({@code pod} valid only during the call) or cleared ({@code pod} NULL). */
        default void paramChanged(int id, MemorySegment pod) {
        }

        /** A buffer is ready: {@link PwStream#dequeue()} it, read it, {@link PwStream#queue} it back. */
        default void process(PwStream stream) {
        }
    }

    /** The node to capture: by name or object serial (the {@code target.object} property), or by global id. */
    public record Target(String object, int id) {
        public static Target name(String nodeName) {
            return new Target(nodeName, PwLayouts.ID_ANY);
        }

        public static Target serial(long serial) {
            return new Target(Long.toString(serial), PwLayouts.ID_ANY);
        }

        public static Target id(int globalId) {
            return new Target(null, globalId);
        }

        @Override
        public String toString() {
            return object != null ? object : "node " + id;
        }
    }

    private final PwConnection connection;
    private final PipeWire pw;
    private final String name;
    private final Events events;
    private final Arena arena = Arena.ofShared();
    private final WarnOnce warnings = new WarnOnce(LOG);
    private final SpaHook hook = new SpaHook(arena);
    private final MemorySegment stream;
    private volatile StreamState state = StreamState.UNCONNECTED;
    private volatile String error;
    private volatile Target target;
    private volatile boolean disconnecting;
    private boolean closed;

    private PwStream(PwConnection connection, String name, Events events, MemorySegment stream) {
        this.connection = connection;
        this.pw = connection.pipeWire();
        this.name = name;
        this.events = events;
        this.stream = stream;
    }

    /**
     * A video capture stream called {@code name}, with {@code extraProperties} added to lumen's (media type,
     * category and role, and {@code node.dont-reconnect}: a stream whose node goes away ends instead of silently
     * following the session manager to another).
     */
    public static PwStream create(PwConnection connection, String name, Map<String, String> extraProperties,
                                  Events events) throws PipeWireException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("media.type", "Video");
        properties.put("media.category", "Capture");
        properties.put("media.role", "Screen");
        properties.put("node.dont-reconnect", "true");
        properties.putAll(extraProperties);
        PwStream created = connection.loop().locked(() -> {
            try (Arena call = Arena.ofConfined()) {
                MemorySegment errno = Errno.newState(call);
                MemorySegment stream = (MemorySegment) connection.pipeWire().streamNew.invokeExact(errno,
                        connection.core(), call.allocateFrom(name), connection.properties(call, properties));
                if (stream.address() == 0) {
                    throw new PipeWireException("pw_stream_new failed: " + Errno.describe(Errno.value(errno)));
                }
                PwStream wrapper = new PwStream(connection, name, events, stream);
                wrapper.listen();
                return wrapper;
            } catch (PipeWireException e) {
                throw e;
            } catch (Throwable e) {
                throw new PipeWireException("pw_stream_new failed: " + e);
            }
        });
        try {
            connection.adopt(created);
        } catch (PipeWireException e) {
            created.close();
            throw e;
        }
        return created;
    }

    private void listen() throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MemorySegment table = arena.allocate(PwLayouts.STREAM_EVENTS);
        table.set(JAVA_INT, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "version"), PwLayouts.VERSION_STREAM_EVENTS);
        table.set(ADDRESS, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "state_changed"), Upcalls.stub(arena, lookup,
                this, "onStateChanged", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), warnings,
                "stream.state_changed"));
        table.set(ADDRESS, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "param_changed"), Upcalls.stub(arena, lookup,
                this, "onParamChanged", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS), warnings,
                "stream.param_changed"));
        table.set(ADDRESS, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "process"), Upcalls.stub(arena, lookup,
                this, "onProcess", FunctionDescriptor.ofVoid(ADDRESS), warnings, "stream.process"));
        pw.streamAddListener.invokeExact(stream, hook.segment(), table, MemorySegment.NULL);
    }

    private void onStateChanged(MemorySegment data, int previous, int now, MemorySegment reason) {
        StreamState from = StreamState.of(previous);
        StreamState to = StreamState.of(now);
        String text = SpaDict.string(reason);
        if (text == null && to == StreamState.UNCONNECTED && !disconnecting && target != null) {
            text = "ended by the graph: target " + target + " missing or gone";
        }
        state = to;
        if (text != null) {
            error = text;
        }
        // DEBUG: the stream's owner logs each change once, naming what it captures
        LOG.log(System.Logger.Level.DEBUG,
                "PipeWire stream " + name + ": " + pw.stateName(previous) + " -> " + pw.stateName(now)
                        + (text == null ? "" : " (" + text + ")"));
        events.stateChanged(from, to, text);
    }

    private void onParamChanged(MemorySegment data, int id, MemorySegment pod) {
        MemorySegment whole = pod.address() == 0 ? MemorySegment.NULL : sized(pod);
        events.paramChanged(id, whole);
    }

    @SuppressWarnings("restricted") // a pod's size is in its own header
    private static MemorySegment sized(MemorySegment pod) {
        int bodySize = pod.reinterpret(PwLayouts.SPA_POD_HEADER).get(JAVA_INT, 0);
        return pod.reinterpret(PwLayouts.SPA_POD_HEADER + Integer.toUnsignedLong(bodySize));
    }

    private void onProcess(MemorySegment data) {
        events.process(this);
    }

    /**
     * Connects as an input to {@code target}, offering {@code params} (EnumFormat, and Buffers/Meta if wanted),
     * which libpipewire copies. Flags: AUTOCONNECT (the session manager links it to the target) and MAP_BUFFERS
     * (MemFd buffers arrive mapped).
     */
    public void connect(Target target, List<MemorySegment> params) throws PipeWireException {
        this.target = target;
        disconnecting = false;
        connection.loop().locked(() -> {
            try (Arena call = Arena.ofConfined()) {
                if (target.object() != null) {
                    int updated = (int) pw.streamUpdateProperties.invokeExact(stream,
                            SpaDict.write(call, Map.of("target.object", target.object())));
                    if (updated < 0) {
                        throw new PipeWireException("setting target.object failed: " + Errno.describe(-updated));
                    }
                }
                int flags = PwLayouts.STREAM_FLAG_AUTOCONNECT | PwLayouts.STREAM_FLAG_MAP_BUFFERS
                        | PwLayouts.STREAM_FLAG_DONT_RECONNECT;
                int result = (int) pw.streamConnect.invokeExact(stream, PwLayouts.DIRECTION_INPUT, target.id(), flags,
                        podArray(call, params), params.size());
                if (result < 0) {
                    throw new PipeWireException("connecting stream " + name + " to " + target + " failed: "
                            + Errno.describe(-result));
                }
                LOG.log(System.Logger.Level.DEBUG, "PipeWire stream " + name + " connecting to " + target);
                return null;
            } catch (PipeWireException e) {
                throw e;
            } catch (Throwable e) {
                throw new PipeWireException("pw_stream_connect failed: " + e);
            }
        });
    }

    /** Replaces the stream's params (Buffers and Meta after the format is known); libpipewire copies them. */
    public void updateParams(List<MemorySegment> params) throws PipeWireException {
        connection.loop().locked(() -> {
            try (Arena call = Arena.ofConfined()) {
                int result = (int) pw.streamUpdateParams.invokeExact(stream, podArray(call, params), params.size());
                if (result < 0) {
                    throw new PipeWireException("pw_stream_update_params failed: " + Errno.describe(-result));
                }
                return null;
            } catch (PipeWireException e) {
                throw e;
            } catch (Throwable e) {
                throw new PipeWireException("pw_stream_update_params failed: " + e);
            }
        });
    }

    private static MemorySegment podArray(Arena call, List<MemorySegment> pods) {
        MemorySegment array = call.allocate(ADDRESS, Math.max(1, pods.size()));
        for (int i = 0; i < pods.size(); i++) {
            array.setAtIndex(ADDRESS, i, pods.get(i));
        }
        return array;
    }

    /** The next filled buffer, or null when none is ready; queue it back when done. */
    public PwBuffer dequeue() throws PipeWireException {
        MemorySegment buffer = connection.loop().locked(() -> {
            try {
                return (MemorySegment) pw.streamDequeueBuffer.invokeExact(stream);
            } catch (Throwable e) {
                throw new PipeWireException("pw_stream_dequeue_buffer failed: " + e);
            }
        });
        return buffer.address() == 0 ? null : new PwBuffer(buffer);
    }

    /** Hands {@code buffer} back to the producer; nothing read from it may be used afterwards. */
    public void queue(PwBuffer buffer) throws PipeWireException {
        connection.loop().locked(() -> {
            try {
                int result = (int) pw.streamQueueBuffer.invokeExact(stream, buffer.address());
                if (result < 0) {
                    throw new PipeWireException("pw_stream_queue_buffer failed: " + Errno.describe(-result));
                }
                return null;
            } catch (PipeWireException e) {
                throw e;
            } catch (Throwable e) {
                throw new PipeWireException("pw_stream_queue_buffer failed: " + e);
            }
        });
    }

    /** The state last reported. */
    public StreamState state() {
        return state;
    }

    /**
     * Why the stream last failed or ended without lumen asking: libpipewire's error, or, when the graph removed
     * the stream silently (WirePlumber does so for a dont-reconnect stream with no target), a reason naming the
     * target. Null otherwise.
     */
    public String error() {
        return error;
    }

    /** The stream's own node id in the graph (PW_ID_ANY, -1, before it is connected). */
    public int nodeId() throws PipeWireException {
        return connection.loop().locked(() -> {
            try {
                return (int) pw.streamGetNodeId.invokeExact(stream);
            } catch (Throwable e) {
                throw new PipeWireException("pw_stream_get_node_id failed: " + e);
            }
        });
    }

    /** Leaves the graph (the stream can connect again); the state change to UNCONNECTED carries no reason. */
    public void disconnect() throws PipeWireException {
        disconnecting = true;
        connection.loop().locked(() -> {
            try {
                int result = (int) pw.streamDisconnect.invokeExact(stream);
                if (result < 0) {
                    throw new PipeWireException("pw_stream_disconnect failed: " + Errno.describe(-result));
                }
                return null;
            } catch (PipeWireException e) {
                throw e;
            } catch (Throwable e) {
                throw new PipeWireException("pw_stream_disconnect failed: " + e);
            }
        });
    }

    /** Disconnects and destroys the stream; its callbacks have stopped when this returns. Not in a callback. */
    @Override
    public void close() {
        connection.loop().requireOutsideLoop("closing a stream");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            disconnect();
            connection.loop().locked(() -> {
                try {
                    hook.remove();
                    pw.streamDestroy.invokeExact(stream);
                    return null;
                } catch (Throwable e) {
                    throw new PipeWireException("destroying stream " + name + " failed: " + e);
                }
            });
        } catch (PipeWireException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        }
        connection.release(this);
        arena.close();
    }

    @Override
    public String toString() {
        return "PipeWire stream " + name;
    }
}
