package io.lumen.capture.kwin.impl.wayland;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A client connection to a Wayland compositor, for KWin's screencast: outputs are bound as they are announced, and
 * {@code zkde_screencast_unstable_v1} and {@code org_kde_plasma_window_management} (the windows' uuids) when they are
 * advertised. All libwayland work happens on the {@link DisplayLoop}'s
 * thread; the methods here hand it over and wait with a timeout.
 */
public final class WaylandConnection implements AutoCloseable, Listeners.Events {

    private static final System.Logger LOG = System.getLogger("lumen.capture.kwin");
    private static final int GET_REGISTRY = 1;
    private static final int SYNC = 0;
    private static final int REGISTRY_BIND = 0;
    private static final int MARSHAL_DESTROY = 1;
    /** wl_output version 4 added the name and description events. */
    private static final int OUTPUT_VERSION = 4;
    /** wl_fixed_t (24.8 fixed point) of 1.0: lumen asks for unscaled virtual outputs. */
    private static final long SCALE_ONE = 256;

    private final LibWayland lib;
    private final String display;
    private final DisplayLoop loop;
    private final Arena arena;
    private final ScreencastProtocol protocol;
    private final MemorySegment key;

    // dispatch thread only
    private MemorySegment registry = MemorySegment.NULL;
    private MemorySegment screencast = MemorySegment.NULL;
    private MemorySegment windowManagement = MemorySegment.NULL;
    private int screencastVersion;
    private final Globals globals = new Globals();
    private final Map<Long, CompletableFuture<Void>> callbacks = new HashMap<>();
    private final Map<Long, ScreencastStream> streams = new HashMap<>();

    private WaylandConnection(LibWayland lib, String display) throws WaylandException {
        this.lib = lib;
        this.display = display;
        loop = new DisplayLoop(lib, display);
        arena = Arena.ofShared(); // only once connected: a failed connect (a probe of a missing socket) leaks nothing
        protocol = new ScreencastProtocol(arena, lib.outputInterface);
        key = Listeners.register(this);
    }

    /**
     * Connects to {@code display} (an absolute socket path, or a name under XDG_RUNTIME_DIR) and returns once the
     * registry and every output have been described, or fails after {@code timeout}.
     */
    public static WaylandConnection open(String display, Duration timeout) throws WaylandException {
        LibWayland lib = LibWayland.system();
        if (lib.unavailableReason().isPresent()) {
            throw new WaylandException(lib.unavailableReason().get());
        }
        WaylandConnection connection = new WaylandConnection(lib, display);
        connection.loop.start(connection::setUp, connection::lostConnection, connection::freeProxies);
        try {
            connection.await(connection.sync(), timeout, "the registry");
            connection.await(connection.sync(), timeout, "the outputs' descriptions");
            return connection;
        } catch (WaylandException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Why libwayland-client cannot be used here; empty when it can. */
    public static Optional<String> libraryUnavailable() {
        return LibWayland.system().unavailableReason();
    }

    public String display() {
        return display;
    }

    /** Completes with the reason once the connection is gone (peer hang-up, protocol error); not on close(). */
    public CompletableFuture<String> lost() {
        return loop.lost();
    }

    /** A wl_display.sync round trip: completes once the compositor has handled everything sent before it. */
    public CompletableFuture<Void> sync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.submit(() -> {
            MemorySegment callback = loop.marshal(loop.handle(), SYNC, lib.callbackInterface, 1, 0, 0L);
            callbacks.put(callback.address(), done);
            loop.addListener(callback, Listeners.CALLBACK, key);
            return null;
        }).whenComplete((ignored, e) -> {
            if (e != null) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** The globals and outputs as known now. */
    public RegistrySnapshot snapshot(Duration timeout) throws WaylandException {
        return await(loop.submit(() -> globals.snapshot(display)), timeout, "the registry snapshot");
    }

    /** Asks KWin for a new virtual output of {@code width} x {@code height} named {@code name}, and its stream. */
    public ScreencastStream streamVirtualOutput(String name, int width, int height, Duration timeout)
            throws WaylandException {
        return request("virtual output " + name + " " + width + "x" + height, timeout, () -> {
            requireScreencast(ScreencastProtocol.VIRTUAL_OUTPUT_SINCE, "virtual outputs");
            return loop.marshal(screencast, ScreencastProtocol.STREAM_VIRTUAL_OUTPUT, protocol.stream,
                    screencastVersion, 0, 0L, arena.allocateFrom(name).address(), width, height, SCALE_ONE,
                    ScreencastProtocol.POINTER_EMBEDDED);
        });
    }

    /** Asks KWin to stream the existing output named {@code outputName}. */
    public ScreencastStream streamOutput(String outputName, Duration timeout) throws WaylandException {
        return request("output " + outputName, timeout, () -> {
            requireScreencast(1, "output streams");
            Globals.Output output = globals.outputNamed(outputName).orElseThrow(() -> new WaylandException(
                    "the compositor at " + display + " has no output named \"" + outputName + "\"; it has: "
                            + String.join(", ", globals.outputNames())));
            return loop.marshal(screencast, ScreencastProtocol.STREAM_OUTPUT, protocol.stream, screencastVersion, 0,
                    0L, output.proxy.address(), ScreencastProtocol.POINTER_EMBEDDED);
        });
    }

    /** Asks KWin to stream the window whose internal id is {@code uuid}. */
    public ScreencastStream streamWindow(String uuid, Duration timeout) throws WaylandException {
        return request("window " + uuid, timeout, () -> {
            requireScreencast(1, "window streams");
            return loop.marshal(screencast, ScreencastProtocol.STREAM_WINDOW, protocol.stream, screencastVersion, 0,
                    0L, arena.allocateFrom(uuid).address(), ScreencastProtocol.POINTER_EMBEDDED);
        });
    }

    private interface StreamRequest {
        MemorySegment send() throws WaylandException;
    }

    private ScreencastStream request(String kind, Duration timeout, StreamRequest send) throws WaylandException {
        ScreencastStream stream = new ScreencastStream(this, kind);
        return await(loop.submit(() -> {
            MemorySegment proxy = send.send();
            stream.proxy = proxy.address();
            streams.put(proxy.address(), stream);
            loop.addListener(proxy, Listeners.STREAM, key);
            LOG.log(System.Logger.Level.INFO, "KWin at " + display + ": requested a stream of " + kind);
            return stream;
        }), timeout, "the stream request");
    }

    private void requireScreencast(int version, String what) throws WaylandException {
        if (screencast.equals(MemorySegment.NULL)) {
            throw new WaylandException("the compositor at " + display + " does not offer "
                    + ScreencastProtocol.SCREENCAST + " to lumen");
        }
        if (screencastVersion < version) {
            throw new WaylandException("KWin's " + ScreencastProtocol.SCREENCAST + " is version " + screencastVersion
                    + "; " + what + " need version " + version);
        }
    }

    /** Sends the stream's destructor (unless the connection is gone) and frees its proxy. */
    void release(ScreencastStream stream) {
        loop.submit(() -> {
            if (stream.proxy != 0) {
                MemorySegment proxy = MemorySegment.ofAddress(stream.proxy);
                streams.remove(stream.proxy);
                stream.proxy = 0;
                loop.marshal(proxy, ScreencastProtocol.CLOSE, MemorySegment.NULL, screencastVersion, MARSHAL_DESTROY);
                LOG.log(System.Logger.Level.INFO, "KWin at " + display + ": closed the stream of " + stream.kind());
            }
            return null;
        });
    }

    /** Waits for {@code result}; a timeout or the connection's loss is a WaylandException naming {@code what}. */
    public <T> T await(CompletableFuture<T> result, Duration timeout, String what) throws WaylandException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new WaylandException("the compositor at " + display + " did not answer (" + what + ") within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WaylandException w) {
                throw w;
            }
            throw new WaylandException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaylandException("interrupted while waiting for " + what);
        }
    }

    /** Ends the connection: queued requests (a stream's close) go out first; KWin then drops what lumen held. */
    @Override
    public void close() {
        loop.close();
    }

    private Void setUp() throws WaylandException {
        registry = loop.marshal(loop.handle(), GET_REGISTRY, lib.registryInterface, 1, 0, 0L);
        loop.addListener(registry, Listeners.REGISTRY, key);
        return null;
    }

    private void lostConnection(String reason) {
        WaylandException failure = new WaylandException("the Wayland connection to " + display + " was lost: "
                + reason);
        callbacks.values().forEach(c -> c.completeExceptionally(failure));
        callbacks.clear();
        new ArrayList<>(streams.values()).forEach(s -> s.lost(reason));
    }

    private void freeProxies() {
        List<MemorySegment> proxies = new ArrayList<>(globals.outputProxies());
        callbacks.keySet().forEach(p -> proxies.add(MemorySegment.ofAddress(p)));
        streams.keySet().forEach(p -> proxies.add(MemorySegment.ofAddress(p)));
        for (MemorySegment proxy : List.of(screencast, windowManagement, registry)) {
            if (!proxy.equals(MemorySegment.NULL)) {
                proxies.add(proxy);
            }
        }
        proxies.forEach(loop::destroy);
        WaylandException closed = new WaylandException("the Wayland connection to " + display + " is closed");
        callbacks.values().forEach(c -> c.completeExceptionally(closed));
        if (!loop.lost().isDone()) {
            new ArrayList<>(streams.values()).forEach(s -> s.lost("lumen closed the connection"));
        }
        streams.values().forEach(s -> s.proxy = 0);
        streams.clear();
        Listeners.unregister(key);
        arena.close();
    }

    // ---- events, on the dispatch thread ----

    @Override
    public void global(int name, String iface, int version) {
        globals.add(name, iface, version);
        try {
            if (iface.equals("wl_output")) {
                MemorySegment proxy = bind(name, iface, lib.outputInterface, Math.min(version, OUTPUT_VERSION));
                globals.addOutput(new Globals.Output(name, proxy));
                loop.addListener(proxy, Listeners.OUTPUT, key);
            } else if (iface.equals(ScreencastProtocol.SCREENCAST) && screencast.equals(MemorySegment.NULL)) {
                screencastVersion = Math.min(version, ScreencastProtocol.VERSION);
                screencast = bind(name, iface, protocol.screencast, screencastVersion);
            } else if (iface.equals(ScreencastProtocol.WINDOW_MANAGEMENT) && windowManagement.equals(MemorySegment.NULL)
                    && version >= ScreencastProtocol.WINDOW_MANAGEMENT_VERSION) {
                windowManagement = bind(name, iface, protocol.windowManagement,
                        ScreencastProtocol.WINDOW_MANAGEMENT_VERSION);
                loop.addListener(windowManagement, Listeners.WINDOW_MANAGEMENT, key);
            }
        } catch (WaylandException e) {
            LOG.log(System.Logger.Level.WARNING, "binding " + iface + " on " + display + " failed: " + e.getMessage());
        }
    }

    private MemorySegment bind(int name, String iface, MemorySegment table, int version) throws WaylandException {
        return loop.marshal(registry, REGISTRY_BIND, table, version, 0, Integer.toUnsignedLong(name),
                arena.allocateFrom(iface).address(), version, 0L);
    }

    @Override
    public void globalRemove(int name) {
        globals.remove(name).ifPresent(o -> loop.destroy(o.proxy));
    }

    @Override
    public void callbackDone(long proxy) {
        CompletableFuture<Void> done = callbacks.remove(proxy);
        if (done != null) {
            loop.destroy(MemorySegment.ofAddress(proxy));
            done.complete(null);
        }
    }

    @Override
    public void outputGeometry(long proxy, String make, String model) {
        output(proxy, o -> o.makeModel = (make + " " + model).strip());
    }

    @Override
    public void outputMode(long proxy, int flags, int width, int height, int refreshMilliHz) {
        if ((flags & 1) != 0) { // the current mode; the others are merely possible ones
            output(proxy, o -> {
                o.width = width;
                o.height = height;
                o.refresh = refreshMilliHz;
            });
        }
    }

    @Override
    public void outputDone(long proxy) {
        // the descriptions are read whole after a sync round trip, so an output's batch needs no marker
    }

    @Override
    public void outputScale(long proxy, int factor) {
        output(proxy, o -> o.scale = factor);
    }

    @Override
    public void outputName(long proxy, String name) {
        output(proxy, o -> o.name = name);
    }

    @Override
    public void outputDescription(long proxy, String description) {
        output(proxy, o -> o.description = description);
    }

    private void output(long proxy, Consumer<Globals.Output> change) {
        Globals.Output output = globals.output(proxy);
        if (output != null) {
            change.accept(output);
        }
    }

    @Override
    public void streamClosed(long proxy) {
        stream(proxy, s -> {
            LOG.log(System.Logger.Level.INFO, "KWin at " + display + " closed the stream of " + s.kind());
            s.closedByKwin();
        });
    }

    @Override
    public void streamCreated(long proxy, int node) {
        stream(proxy, s -> {
            LOG.log(System.Logger.Level.INFO, "KWin at " + display + " created the stream of " + s.kind()
                    + ": PipeWire node " + Integer.toUnsignedString(node));
            s.created(node);
        });
    }

    @Override
    public void streamFailed(long proxy, String error) {
        stream(proxy, s -> {
            LOG.log(System.Logger.Level.WARNING, "KWin at " + display + " failed the stream of " + s.kind() + ": "
                    + error);
            s.failed(error);
        });
    }

    @Override
    public void windowAdded(String uuid) {
        globals.windowAdded(uuid);
    }

    @Override
    public void windowsNow(List<String> uuids) {
        globals.windowsNow(uuids);
    }

    private void stream(long proxy, Consumer<ScreencastStream> event) {
        ScreencastStream stream = streams.get(proxy);
        if (stream != null) {
            event.accept(stream);
        }
    }
}
