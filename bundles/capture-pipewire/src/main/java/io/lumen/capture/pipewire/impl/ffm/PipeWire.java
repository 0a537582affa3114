package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.nativeaccess.Errno;
import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libpipewire-0.3, bound through FFM against 0.3.x (the series whose layouts {@link PwLayouts} pins), loaded once
 * per bundle class loader; {@code pw_init} runs once when it loads. A missing library or another series is a
 * reason from {@link #unavailableReason()}, never an exception at load time.
 */
@SuppressWarnings("restricted") // reading the library's version string is what this class is for
public final class PipeWire {

    public static final String LIBRARY = "libpipewire-0.3.so.0";
    public static final String SERIES = "0.3";

    private static final class SystemLibrary {
        static final PipeWire INSTANCE = load(Arena.ofAuto(), LIBRARY, SERIES);
    }

    private static final Object INIT_LOCK = new Object();
    private static boolean initialized;

    private final String unavailable;
    private final String version;

    final MethodHandle threadLoopNew;
    final MethodHandle threadLoopDestroy;
    final MethodHandle threadLoopStart;
    final MethodHandle threadLoopStop;
    final MethodHandle threadLoopLock;
    final MethodHandle threadLoopUnlock;
    final MethodHandle threadLoopGetLoop;
    final MethodHandle threadLoopInThread;
    final MethodHandle contextNew;
    final MethodHandle contextDestroy;
    final MethodHandle contextConnect;
    final MethodHandle contextConnectFd;
    final MethodHandle coreDisconnect;
    final MethodHandle propertiesNewDict;
    final MethodHandle proxyDestroy;
    final MethodHandle proxyGetBoundId;
    final MethodHandle streamNew;
    final MethodHandle streamDestroy;
    final MethodHandle streamAddListener;
    final MethodHandle streamUpdateProperties;
    final MethodHandle streamConnect;
    final MethodHandle streamUpdateParams;
    final MethodHandle streamDisconnect;
    final MethodHandle streamDequeueBuffer;
    final MethodHandle streamQueueBuffer;
    final MethodHandle streamStateAsString;
    final MethodHandle streamGetNodeId;
    final MethodHandle streamTriggerProcess;

    private PipeWire(String unavailable, String version, NativeLibrary lib) {
        this.unavailable = unavailable;
        this.version = version;
        boolean bound = unavailable == null;
        threadLoopNew = bound ? lib.downcall("pw_thread_loop_new", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), Errno.CAPTURE) : null;
        threadLoopDestroy = bound ? lib.downcall("pw_thread_loop_destroy", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        threadLoopStart = bound ? lib.downcall("pw_thread_loop_start", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        threadLoopStop = bound ? lib.downcall("pw_thread_loop_stop", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        threadLoopLock = bound ? lib.downcall("pw_thread_loop_lock", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        threadLoopUnlock = bound ? lib.downcall("pw_thread_loop_unlock", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        threadLoopGetLoop = bound ? lib.downcall("pw_thread_loop_get_loop", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        threadLoopInThread = bound ? lib.downcall("pw_thread_loop_in_thread", FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS)) : null;
        contextNew = bound ? lib.downcall("pw_context_new", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG), Errno.CAPTURE) : null;
        contextDestroy = bound ? lib.downcall("pw_context_destroy", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        contextConnect = bound ? lib.downcall("pw_context_connect", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG), Errno.CAPTURE) : null;
        contextConnectFd = bound ? lib.downcall("pw_context_connect_fd", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG), Errno.CAPTURE) : null;
        coreDisconnect = bound ? lib.downcall("pw_core_disconnect", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        propertiesNewDict = bound ? lib.downcall("pw_properties_new_dict", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        proxyDestroy = bound ? lib.downcall("pw_proxy_destroy", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        proxyGetBoundId = bound ? lib.downcall("pw_proxy_get_bound_id", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        streamNew = bound ? lib.downcall("pw_stream_new", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS), Errno.CAPTURE) : null;
        streamDestroy = bound ? lib.downcall("pw_stream_destroy", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        streamAddListener = bound ? lib.downcall("pw_stream_add_listener", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS, ADDRESS)) : null;
        streamUpdateProperties = bound ? lib.downcall("pw_stream_update_properties", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)) : null;
        streamConnect = bound ? lib.downcall("pw_stream_connect", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT)) : null;
        streamUpdateParams = bound ? lib.downcall("pw_stream_update_params", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)) : null;
        streamDisconnect = bound ? lib.downcall("pw_stream_disconnect", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        streamDequeueBuffer = bound ? lib.downcall("pw_stream_dequeue_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS)) : null;
        streamQueueBuffer = bound ? lib.downcall("pw_stream_queue_buffer", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)) : null;
        streamStateAsString = bound ? lib.downcall("pw_stream_state_as_string", FunctionDescriptor.of(ADDRESS, JAVA_INT)) : null;
        streamGetNodeId = bound ? lib.downcall("pw_stream_get_node_id", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        streamTriggerProcess = bound ? lib.downcall("pw_stream_trigger_process", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        if (bound) {
            initOnce(lib);
        }
    }

    /** The library of this machine, or why it cannot serve. */
    public static PipeWire system() {
        return SystemLibrary.INSTANCE;
    }

    /**
     * Loads {@code name} expecting the {@code series} ("0.3") its layouts were checked against (tests pass names
     * that do not exist, or another series). Never throws: {@link #unavailableReason()} says what is wrong.
     */
    public static PipeWire load(Arena arena, String name, String series) {
        NativeLibrary lib = NativeLibrary.load(arena, name);
        if (!lib.isAvailable()) {
            return new PipeWire(lib.unavailableReason().orElseThrow(), null, null);
        }
        String version;
        try {
            MemorySegment text = (MemorySegment) lib.downcall("pw_get_library_version", FunctionDescriptor.of(ADDRESS))
                    .invokeExact();
            version = text.reinterpret(64).getString(0);
        } catch (Throwable e) {
            return new PipeWire(name + ": pw_get_library_version failed: " + e, null, null);
        }
        if (!version.startsWith(series + ".")) {
            return new PipeWire("unsupported libpipewire " + version + " (lumen's layouts are checked against "
                    + series + ".x)", version, null);
        }
        return new PipeWire(null, version, lib);
    }

    private static void initOnce(NativeLibrary lib) {
        synchronized (INIT_LOCK) {
            if (initialized) {
                return;
            }
            try {
                lib.downcall("pw_init", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS))
                        .invokeExact(MemorySegment.NULL, MemorySegment.NULL);
            } catch (Throwable e) {
                throw new IllegalStateException("pw_init failed", e);
            }
            initialized = true;
        }
    }

    public boolean isAvailable() {
        return unavailable == null;
    }

    /** Why the library cannot be used, for probe(); empty when it loaded. */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }

    /** The library's own version ("0.3.65"); empty when it could not be read. */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /** Throws when the library cannot serve, naming why. */
    void requireAvailable() throws PipeWireException {
        if (unavailable != null) {
            throw new PipeWireException("libpipewire is unavailable: " + unavailable);
        }
    }

    /** {@code pw_proxy_destroy}; under the loop lock. */
    void destroyProxy(MemorySegment proxy) {
        try {
            proxyDestroy.invokeExact(proxy);
        } catch (Throwable e) {
            throw new IllegalStateException("pw_proxy_destroy failed", e);
        }
    }

    /** "unconnected", "streaming": libpipewire's own name for a stream state. */
    String stateName(int state) {
        try {
            MemorySegment text = (MemorySegment) streamStateAsString.invokeExact(state);
            return text.equals(MemorySegment.NULL) ? "state " + state : text.reinterpret(64).getString(0);
        } catch (Throwable e) {
            return "state " + state;
        }
    }
}
