package io.lumen.capture.pipewire.impl.ffm;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One connection to a PipeWire daemon: its thread loop, context and core, and the core's events (errors, among
 * them the loss of the connection, and the done replies of {@link #roundtrip}). Streams and node directories made
 * on it are closed with it. See {@link PwThreadLoop} for the locking rules.
 */
public final class PwConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.pipewire");
    private static final int EPIPE = 32;

    /** An error the daemon (or the protocol, for a lost connection) reported on the core. */
    public record CoreError(int id, int seq, int res, String message) {
        /** The socket went away: the daemon exited or restarted. */
        public boolean connectionLost() {
            return id == PwLayouts.ID_CORE && res == -EPIPE;
        }

        @Override
        public String toString() {
            return message + " (" + Errno.describe(-res) + ", object " + id + ")";
        }
    }

    private final PipeWire pw;
    private final PwRemote remote;
    private final PwThreadLoop loop;
    private final Arena arena = Arena.ofShared();
    private final WarnOnce warnings = new WarnOnce(LOG);
    private final SpaHook coreHook = new SpaHook(arena);
    private final Map<Integer, CompletableFuture<Void>> pendingSyncs = new ConcurrentHashMap<>();
    private final List<Consumer<CoreError>> errorListeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> children = new ArrayList<>();
    private MemorySegment context = MemorySegment.NULL;
    private MemorySegment core = MemorySegment.NULL;
    private volatile CoreError lost;
    private boolean closed;

    private PwConnection(PipeWire pw, PwRemote remote, PwThreadLoop loop) {
        this.pw = pw;
        this.remote = remote;
        this.loop = loop;
    }

    /**
     * Connects to {@code remote} and starts the loop thread. A socket nobody listens on fails here, at once, with
     * the reason; it does not hang.
     */
    public static PwConnection open(PipeWire pw, PwRemote remote) throws PipeWireException {
        pw.requireAvailable();
        refuseOverriddenRemote(remote);
        PwConnection connection = new PwConnection(pw, remote, PwThreadLoop.create(pw, "lumen-pipewire"));
        try {
            connection.connect();
            connection.loop.start();
        } catch (PipeWireException | RuntimeException e) {
            connection.close();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "PipeWire connected to " + remote + " (libpipewire "
                + pw.version().orElse("?") + ")");
        return connection;
    }

    /** libpipewire 0.3.65 prefers PIPEWIRE_REMOTE over remote.name, which would silently reach another daemon. */
    private static void refuseOverriddenRemote(PwRemote remote) throws PipeWireException {
        String fromEnvironment = System.getenv("PIPEWIRE_REMOTE");
        if (remote.socket() != null && fromEnvironment != null && !fromEnvironment.isEmpty()
                && !fromEnvironment.equals(remote.socket())) {
            throw new PipeWireException("PIPEWIRE_REMOTE=" + fromEnvironment + " in the environment overrides the "
                    + "socket " + remote.socket() + " in libpipewire " + PipeWire.SERIES + ".x; unset it");
        }
    }

    private void connect() throws PipeWireException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = Errno.newState(call);
            context = (MemorySegment) pw.contextNew.invokeExact(errno, loop.loop(), MemorySegment.NULL, 0L);
            if (context.address() == 0) {
                throw new PipeWireException("pw_context_new failed: " + Errno.describe(Errno.value(errno)));
            }
            MemorySegment properties = remote.socket() == null ? MemorySegment.NULL
                    : properties(call, Map.of("remote.name", remote.socket()));
            core = remote.fd() >= 0
                    ? (MemorySegment) pw.contextConnectFd.invokeExact(errno, context, remote.fd(), properties, 0L)
                    : (MemorySegment) pw.contextConnect.invokeExact(errno, context, properties, 0L);
            if (core.address() == 0) {
                throw new PipeWireException("connecting to " + remote + " failed: "
                        + Errno.describe(Errno.value(errno)));
            }
            listenToCore();
        } catch (PipeWireException e) {
            throw e;
        } catch (Throwable e) {
            throw new PipeWireException("connecting to " + remote + " failed: " + e);
        }
    }

    /** A {@code pw_properties} made from {@code values}; whoever it is passed to owns it. */
    MemorySegment properties(Arena call, Map<String, String> values) throws PipeWireException {
        try {
            MemorySegment properties = (MemorySegment) pw.propertiesNewDict.invokeExact(SpaDict.write(call, values));
            if (properties.address() == 0) {
                throw new PipeWireException("pw_properties_new_dict failed");
            }
            return properties;
        } catch (PipeWireException e) {
            throw e;
        } catch (Throwable e) {
            throw new PipeWireException("pw_properties_new_dict failed: " + e);
        }
    }

    private void listenToCore() throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MemorySegment events = arena.allocate(PwLayouts.CORE_EVENTS);
        events.set(JAVA_INT, PwLayouts.offset(PwLayouts.CORE_EVENTS, "version"), 0);
        events.set(ADDRESS, PwLayouts.offset(PwLayouts.CORE_EVENTS, "done"), Upcalls.stub(arena, lookup, this,
                "onDone", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT), warnings, "core.done"));
        events.set(ADDRESS, PwLayouts.offset(PwLayouts.CORE_EVENTS, "error"), Upcalls.stub(arena, lookup, this,
                "onError", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), warnings,
                "core.error"));
        MethodHandle addListener = SpaInterfaceCall.method(core, PwLayouts.CORE_METHODS, "add_listener")
                .handle(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        int result = (int) addListener.invokeExact(coreHook.segment(), events, MemorySegment.NULL);
        if (result < 0) {
            throw new PipeWireException("adding the core listener failed: " + Errno.describe(-result));
        }
    }

    private void onDone(MemorySegment data, int id, int seq) {
        CompletableFuture<Void> pending = pendingSyncs.remove(seq);
        if (id == PwLayouts.ID_CORE && pending != null) {
            pending.complete(null);
        }
    }

    private void onError(MemorySegment data, int id, int seq, int res, MemorySegment message) {
        String text = SpaDict.string(message);
        CoreError error = new CoreError(id, seq, res, text == null ? "" : text);
        if (error.connectionLost()) {
            lost = error;
            LOG.log(System.Logger.Level.WARNING, "PipeWire connection to " + remote + " lost: " + error);
            pendingSyncs.values().forEach(pending -> pending.completeExceptionally(
                    new PipeWireException("connection lost: " + error)));
        }
        for (Consumer<CoreError> listener : errorListeners) {
            listener.accept(error);
        }
    }

    /** Calls {@code listener} on the loop thread for every core error; it must not block. */
    public void addErrorListener(Consumer<CoreError> listener) {
        errorListeners.add(listener);
    }

    /** The error that ended the connection, or null while it is up. */
    public CoreError lostBecause() {
        return lost;
    }

    /**
     * Waits until the daemon has handled everything sent before (a core sync and its done): after it, the
     * registry has announced every global that existed. Not on the loop thread.
     */
    public void roundtrip(Duration timeout) throws PipeWireException {
        loop.requireOutsideLoop("a roundtrip");
        if (lost != null) {
            throw new PipeWireException("connection lost: " + lost);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.locked(() -> {
            try {
                MethodHandle sync = SpaInterfaceCall.method(core, PwLayouts.CORE_METHODS, "sync")
                        .handle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
                int seq = (int) sync.invokeExact(PwLayouts.ID_CORE, 0);
                if (seq < 0) {
                    throw new PipeWireException("core sync failed: " + Errno.describe(-seq));
                }
                pendingSyncs.put(seq, done);
                return null;
            } catch (PipeWireException e) {
                throw e;
            } catch (Throwable e) {
                throw new PipeWireException("core sync failed: " + e);
            }
        });
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PipeWireException("no reply from " + remote + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new PipeWireException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipeWireException("interrupted waiting for " + remote);
        }
    }

    public PwThreadLoop loop() {
        return loop;
    }

    PipeWire pipeWire() {
        return pw;
    }

    /** The {@code pw_core}; use under the loop lock. */
    MemorySegment core() {
        return core;
    }

    /** Closes {@code child} before the core goes, if it is still open then. */
    synchronized void adopt(AutoCloseable child) throws PipeWireException {
        if (closed) {
            throw new PipeWireException("the connection to " + remote + " is closed");
        }
        children.add(child);
    }

    synchronized void release(AutoCloseable child) {
        children.remove(child);
    }

    /**
     * The end of a proxy {@code owner} holds: removes its listener {@code hook} (null when it has none) and destroys
     * {@code proxy} under the loop lock, then forgets {@code owner}. A failure is logged, as a close goes on. Not on
     * the loop thread.
     */
    void closeProxy(AutoCloseable owner, SpaHook hook, MemorySegment proxy, String what) {
        try {
            loop.locked(() -> {
                if (hook != null) {
                    hook.remove();
                }
                if (proxy.address() != 0) {
                    pw.destroyProxy(proxy);
                }
                return null;
            });
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + what + " failed: " + e);
        }
        release(owner);
    }

    /** Closes the streams and directories still open, disconnects and stops the loop. Not on the loop thread. */
    @Override
    public void close() {
        loop.requireOutsideLoop("closing the connection");
        List<AutoCloseable> open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(children);
        }
        for (AutoCloseable child : open.reversed()) {
            try {
                child.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + child + " failed: " + e);
            }
        }
        loop.stop();
        boolean wasConnected = core.address() != 0;
        try {
            if (wasConnected) {
                coreHook.remove();
                int ignored = (int) pw.coreDisconnect.invokeExact(core);
            }
            if (context.address() != 0) {
                pw.contextDestroy.invokeExact(context);
            }
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "disconnecting from " + remote + " failed: " + e);
        }
        loop.destroy();
        arena.close();
        pendingSyncs.values().forEach(pending -> pending.completeExceptionally(
                new PipeWireException("the connection was closed")));
        if (wasConnected) {
            LOG.log(System.Logger.Level.INFO, "PipeWire disconnected from " + remote);
        }
    }

    @Override
    public String toString() {
        return "PipeWire connection to " + remote;
    }
}
