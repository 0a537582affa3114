package io.lumen.wayland;

import org.osgi.annotation.versioning.ConsumerType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
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
 * A client connection to a Wayland compositor. Its outputs are bound and described as they are announced; every
 * other global is bound on demand by {@link Work} run on the connection's one dispatch thread ({@link #call}),
 * which also sends requests and receives events, so no proxy is destroyed while another thread dispatches to it.
 * The methods here hand work to that thread and wait with a timeout; a silent compositor costs a caller its
 * timeout and no more.
 */
public final class WaylandConnection implements AutoCloseable {

    /** Runs on the dispatch thread with the connection's {@link Requests}. */
    @ConsumerType
    @FunctionalInterface
    public interface Work<T> {
        T run(Requests requests) throws WaylandException;
    }

    private static final System.Logger LOG = System.getLogger("lumen.wayland");
    private static final int DISPLAY_SYNC = 0;
    private static final int DISPLAY_GET_REGISTRY = 1;
    private static final int REGISTRY_BIND = 0;
    private static final int REGISTRY_GLOBAL = 0;
    private static final int REGISTRY_GLOBAL_REMOVE = 1;
    private static final int MARSHAL_DESTROY = 1;
    /** wl_output version 4 added the name and description events. */
    private static final int OUTPUT_VERSION = 4;

    private record Tracked(WaylandProxy proxy, EventHandler events) {
    }

    private final LibWayland lib;
    private final String display;
    private final DisplayLoop loop;
    private final MemorySegment key;
    private final WaylandInterface outputInterface;
    private final WaylandInterface callbackInterface;
    private final Requests requests = new Requests(this);

    // dispatch thread only
    private WaylandProxy registry;
    private final Globals globals = new Globals();
    private final Map<Long, Tracked> proxies = new HashMap<>();
    private final Map<Long, CompletableFuture<Void>> callbacks = new HashMap<>();

    private WaylandConnection(LibWayland lib, String display) throws WaylandException {
        this.lib = lib;
        this.display = display;
        loop = new DisplayLoop(lib, display);
        key = Dispatcher.register(this::event);
        outputInterface = WaylandInterface.builtIn("wl_output", OUTPUT_VERSION, lib.outputInterface);
        callbackInterface = WaylandInterface.builtIn("wl_callback", 1, lib.callbackInterface);
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
            LOG.log(System.Logger.Level.DEBUG, "Wayland connection to " + display + " opened");
            return connection;
        } catch (WaylandException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Why libwayland-client cannot be used here ("libwayland-client.so.0 not found"); empty when it can. */
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
            MemorySegment callback = loop.marshal(loop.handle(), DISPLAY_SYNC, lib.callbackInterface, 1, 0, 0L);
            callbacks.put(callback.address(), done);
            track(new WaylandProxy(callback.address(), callbackInterface, 1), this::callbackDone);
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

    /** Runs {@code work} on the dispatch thread; fails at once if the connection is already gone. */
    public <T> CompletableFuture<T> submit(Work<T> work) {
        return loop.submit(() -> work.run(requests));
    }

    /** {@link #submit} and {@link #await} its result. */
    public <T> T call(Work<T> work, Duration timeout, String what) throws WaylandException {
        return await(submit(work), timeout, what);
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

    /** Ends the connection: queued requests go out first; the compositor then drops what this client held. */
    @Override
    public void close() {
        loop.close();
    }

    // ---- on the dispatch thread ----

    Optional<WaylandProxy> bind(WaylandInterface iface, int maxVersion, EventHandler events) throws WaylandException {
        Optional<Globals.Global> global = globals.first(iface.name());
        if (global.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(bind(global.get(), iface, Math.min(Math.min(global.get().version(), maxVersion),
                iface.version()), events));
    }

    private WaylandProxy bind(Globals.Global global, WaylandInterface iface, int version, EventHandler events)
            throws WaylandException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment created = loop.marshal(registry.segment(), REGISTRY_BIND, iface.table(), version, 0,
                    Integer.toUnsignedLong(global.name()), call.allocateFrom(iface.name()).address(), version, 0L);
            WaylandProxy proxy = new WaylandProxy(created.address(), iface, version);
            track(proxy, events);
            return proxy;
        }
    }

    WaylandProxy marshal(WaylandProxy target, int opcode, WaylandInterface created, EventHandler events,
                         boolean destructor, Object... args) throws WaylandException {
        if (!proxies.containsKey(target.address())) {
            throw new WaylandException(target + " is already destroyed on " + display);
        }
        try (Arena strings = Arena.ofConfined()) {
            MemorySegment made = loop.marshal(target.segment(), opcode,
                    created == null ? MemorySegment.NULL : created.table(), target.version(),
                    destructor ? MARSHAL_DESTROY : 0, Requests.encode(strings, args));
            if (destructor) {
                proxies.remove(target.address());
            }
            if (created == null) {
                return null;
            }
            WaylandProxy proxy = new WaylandProxy(made.address(), created, target.version());
            track(proxy, events == null ? EventHandler.IGNORE : events);
            return proxy;
        }
    }

    int advertised(String iface) {
        return globals.first(iface).map(Globals.Global::version).orElse(0);
    }

    Optional<WaylandProxy> outputNamed(String name) {
        return globals.outputNamed(name).map(o -> o.proxy);
    }

    List<String> outputNames() {
        return globals.outputNames();
    }

    List<OutputInfo> outputs() {
        return globals.snapshot(display).outputs();
    }

    private void track(WaylandProxy proxy, EventHandler events) {
        proxies.put(proxy.address(), new Tracked(proxy, events));
        loop.addDispatcher(proxy.segment(), key);
    }

    private void untrackAndDestroy(WaylandProxy proxy) {
        if (proxies.remove(proxy.address()) != null) {
            loop.destroy(proxy.segment());
        }
    }

    private void event(long proxy, int opcode, Arguments args) {
        Tracked tracked = proxies.get(proxy);
        if (tracked != null) {
            tracked.events().event(tracked.proxy(), opcode, args);
        }
    }

    private Void setUp() throws WaylandException {
        MemorySegment made = loop.marshal(loop.handle(), DISPLAY_GET_REGISTRY, lib.registryInterface, 1, 0, 0L);
        registry = new WaylandProxy(made.address(), WaylandInterface.builtIn("wl_registry", 1,
                lib.registryInterface), 1);
        track(registry, this::registryEvent);
        return null;
    }

    private void lostConnection(String reason) {
        WaylandException failure = new WaylandException("the Wayland connection to " + display + " was lost: "
                + reason);
        callbacks.values().forEach(c -> c.completeExceptionally(failure));
        callbacks.clear();
    }

    private void freeProxies() {
        proxies.values().forEach(t -> loop.destroy(t.proxy().segment()));
        proxies.clear();
        WaylandException closed = new WaylandException("the Wayland connection to " + display + " is closed");
        callbacks.values().forEach(c -> c.completeExceptionally(closed));
        callbacks.clear();
        Dispatcher.unregister(key);
    }

    private void registryEvent(WaylandProxy proxy, int opcode, Arguments args) {
        if (opcode == REGISTRY_GLOBAL) {
            int name = args.intAt(0);
            String iface = args.stringAt(1);
            int version = args.intAt(2);
            globals.add(name, iface, version);
            if (iface.equals("wl_output")) {
                try {
                    WaylandProxy output = bind(new Globals.Global(name, iface, version), outputInterface,
                            Math.min(version, OUTPUT_VERSION), this::outputEvent);
                    globals.addOutput(new Globals.Output(name, output));
                } catch (WaylandException e) {
                    LOG.log(System.Logger.Level.WARNING, "binding wl_output on " + display + " failed: "
                            + e.getMessage());
                }
            }
        } else if (opcode == REGISTRY_GLOBAL_REMOVE) {
            globals.remove(args.intAt(0)).ifPresent(o -> untrackAndDestroy(o.proxy));
        }
    }

    private void callbackDone(WaylandProxy proxy, int opcode, Arguments args) {
        CompletableFuture<Void> done = callbacks.remove(proxy.address());
        untrackAndDestroy(proxy);
        if (done != null) {
            done.complete(null);
        }
    }

    /** wl_output's events up to version 4: geometry, mode, done, scale, name, description. */
    private void outputEvent(WaylandProxy proxy, int opcode, Arguments args) {
        switch (opcode) {
            case 0 -> output(proxy, o -> {
                o.x = args.intAt(0);
                o.y = args.intAt(1);
                o.makeModel = (args.stringAt(5) + " " + args.stringAt(6)).strip();
            });
            case 1 -> {
                if ((args.intAt(0) & 1) != 0) { // the current mode; the others are merely possible ones
                    int width = args.intAt(1);
                    int height = args.intAt(2);
                    int refresh = args.intAt(3);
                    output(proxy, o -> {
                        o.width = width;
                        o.height = height;
                        o.refresh = refresh;
                    });
                }
            }
            case 3 -> {
                int factor = args.intAt(0);
                output(proxy, o -> o.scale = factor);
            }
            case 4 -> {
                String name = args.stringAt(0);
                output(proxy, o -> o.name = name);
            }
            case 5 -> {
                String description = args.stringAt(0);
                output(proxy, o -> o.description = description);
            }
            default -> {
                // done: the descriptions are read whole after a sync round trip, so a batch needs no marker
            }
        }
    }

    private void output(WaylandProxy proxy, Consumer<Globals.Output> change) {
        Globals.Output output = globals.output(proxy.address());
        if (output != null) {
            change.accept(output);
        }
    }
}
