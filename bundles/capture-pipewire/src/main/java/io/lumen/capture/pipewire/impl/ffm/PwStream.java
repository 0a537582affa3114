package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.nativeaccess.Errno;
import io.lumen.log.WarnOnce;

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
 * A video {@code pw_stream} on a connection: a capture stream connects to a video node, a video source
 * ({@link #createVideoSource}) publishes a node of its own and drives it; both hand the negotiation's params
 * (already built SPA pods) to libpipewire, and get state changes, param changes and buffers through {@link Events}.
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

        /**
         * A buffer is ready: {@link PwStream#dequeue()} it, read it, {@link PwStream#queue} it back. A driving source
         * is told too, after each {@link PwStream#triggerProcess()}.
         */
        default void process(PwStream stream) {
        }

        /**
         * A buffer joined the stream. With {@link BufferAllocation#STREAM} the owner gives it memory here
         * ({@link PwBuffer#attachMemory}): until then its data's type is the mask of the types both sides accept.
         */
        default void addBuffer(PwBuffer buffer) {
        }

        /** A buffer leaves the stream: memory given in {@link #addBuffer} can be freed now. */
        default void removeBuffer(PwBuffer buffer) {
        }
    }

    /** Who gives a driving source's buffers their memory; a consumer sees the spa_data type that follows. */
    public enum BufferAllocation {
        /**
         * PipeWire: one shared memfd holds every buffer and each spa_data is MemPtr into it, mapped for writing
         * (MAP_BUFFERS). The consumer sees MemPtr too, into its own mapping of the same memfd.
         */
        PIPEWIRE(PwLayouts.STREAM_FLAG_MAP_BUFFERS),
        /**
         * The stream's owner, in {@link Events#addBuffer} (ALLOC_BUFFERS): a memfd per buffer, say, which the
         * consumer then receives as MemFd.
         */
        STREAM(PwLayouts.STREAM_FLAG_ALLOC_BUFFERS);

        private final int flag;

        BufferAllocation(int flag) {
            this.flag = flag;
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
        return open(connection, name, properties, events);
    }

    /**
     * A video source publishing the node {@code nodeName} ({@code media.class} Video/Source, the class of
     * screen-cast producers such as gamescope), with {@code extraProperties} added; {@link #connectAsDriver} puts it
     * in the graph.
     */
    public static PwStream createVideoSource(PwConnection connection, String nodeName,
                                             Map<String, String> extraProperties, Events events)
            throws PipeWireException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("media.type", "Video");
        properties.put("media.class", "Video/Source");
        properties.put("node.name", nodeName);
        properties.putAll(extraProperties);
        return open(connection, nodeName, properties, events);
    }

    private static PwStream open(PwConnection connection, String name, Map<String, String> properties,
                                 Events events) throws PipeWireException {
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
        table.set(ADDRESS, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "add_buffer"), Upcalls.stub(arena, lookup,
                this, "onAddBuffer", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS), warnings, "stream.add_buffer"));
        table.set(ADDRESS, PwLayouts.offset(PwLayouts.STREAM_EVENTS, "remove_buffer"), Upcalls.stub(arena, lookup,
                this, "onRemoveBuffer", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS), warnings, "stream.remove_buffer"));
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

    private void onAddBuffer(MemorySegment data, MemorySegment buffer) {
        events.addBuffer(new PwBuffer(buffer));
    }

    private void onRemoveBuffer(MemorySegment data, MemorySegment buffer) {
        events.removeBuffer(new PwBuffer(buffer));
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
            if (target.object() != null) {
                try (Arena call = Arena.ofConfined()) {
                    int updated = (int) pw.streamUpdateProperties.invokeExact(stream,
                            SpaDict.write(call, Map.of("target.object", target.object())));
                    if (updated < 0) {
                        throw new PipeWireException("setting target.object failed: " + Errno.describe(-updated));
                    }
                } catch (PipeWireException e) {
                    throw e;
                } catch (Throwable e) {
                    throw new PipeWireException("pw_stream_update_properties failed: " + e);
                }
            }
            connect(PwLayouts.DIRECTION_INPUT, target.id(), PwLayouts.STREAM_FLAG_AUTOCONNECT
                    | PwLayouts.STREAM_FLAG_MAP_BUFFERS | PwLayouts.STREAM_FLAG_DONT_RECONNECT, params, "to " + target);
            return null;
        });
    }

    /**
     * Connects a {@link #createVideoSource video source} as an output that drives its own graph (DRIVER): it
     * decides when frames go out, through {@link #triggerProcess()}. {@code params} offer its formats;
     * {@code allocation} says who gives the buffers memory. Not AUTOCONNECT: consumers link to it by name or id.
     */
    public void connectAsDriver(List<MemorySegment> params, BufferAllocation allocation) throws PipeWireException {
        disconnecting = false;
        connection.loop().locked(() -> {
            connect(PwLayouts.DIRECTION_OUTPUT, PwLayouts.ID_ANY, PwLayouts.STREAM_FLAG_DRIVER | allocation.flag,
                    params, "as a driving source");
            return null;
        });
    }

    /** pw_stream_connect, under the loop lock; libpipewire copies {@code params}. */
    private void connect(int direction, int targetId, int flags, List<MemorySegment> params, String what)
            throws PipeWireException {
        try (Arena call = Arena.ofConfined()) {
            int result = (int) pw.streamConnect.invokeExact(stream, direction, targetId, flags,
                    podArray(call, params), params.size());
            if (result < 0) {
                throw new PipeWireException("connecting stream " + name + " " + what + " failed: "
                        + Errno.describe(-result));
            }
            LOG.log(System.Logger.Level.DEBUG, "PipeWire stream " + name + " connecting " + what);
        } catch (PipeWireException e) {
            throw e;
        } catch (Throwable e) {
            throw new PipeWireException("pw_stream_connect failed: " + e);
        }
    }

    /**
     * A driving source's frame clock: sends what was queued since the last call to the consumers now, and asks
     * for the next frame ({@link Events#process}). A source that is not driving its graph (another node drives)
     * asks the driver to schedule it instead. Any thread; takes the loop lock.
     */
    public void triggerProcess() throws PipeWireException {
        connection.loop().locked(() -> {
            try {
                int result = (int) pw.streamTriggerProcess.invokeExact(stream);
                if (result < 0) {
                    throw new PipeWireException("pw_stream_trigger_process failed: " + Errno.describe(-result));
                }
                return null;
            } catch (PipeWireException e) {
                throw e;
            } catch (Throwable e) {
                throw new PipeWireException("pw_stream_trigger_process failed: " + e);
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
