package io.lumen.capture.kwin.impl;

import io.lumen.wayland.Arguments;
import io.lumen.wayland.EventHandler;
import io.lumen.wayland.Fixed;
import io.lumen.wayland.Requests;
import io.lumen.wayland.WaylandConnection;
import io.lumen.wayland.WaylandException;
import io.lumen.wayland.WaylandProxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KWin's screencast on one Wayland connection: {@code zkde_screencast_unstable_v1} and
 * {@code org_kde_plasma_window_management} (the windows' uuids) are bound when KWin advertises them to lumen, and
 * each stream request becomes a {@link ScreencastStream} that hears KWin's answer. Streams and the window list are
 * touched on the connection's dispatch thread, where their events arrive.
 */
final class KwinScreencast implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.kwin");
    /** lumen asks for unscaled virtual outputs. */
    private static final int SCALE_ONE = Fixed.of(1.0);

    private final WaylandConnection connection;
    private final ScreencastProtocol protocol;
    private final Map<Long, ScreencastStream> streams = new ConcurrentHashMap<>();
    // dispatch thread only
    private WaylandProxy screencast;
    private final Set<String> windows = new LinkedHashSet<>();

    private KwinScreencast(WaylandConnection connection, ScreencastProtocol protocol) {
        this.connection = connection;
        this.protocol = protocol;
    }

    /** Connects and binds what KWin offers; returns once the window list (if offered) has arrived. */
    static KwinScreencast open(String display, Duration timeout) throws WaylandException {
        WaylandConnection connection = WaylandConnection.open(display, timeout);
        try {
            KwinScreencast kwin = new KwinScreencast(connection, ScreencastProtocol.get());
            connection.lost().thenAccept(kwin::lostConnection);
            connection.call(kwin::bind, timeout, "binding KWin's screencast");
            connection.await(connection.sync(), timeout, "KWin's window list");
            return kwin;
        } catch (WaylandException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private Void bind(Requests requests) throws WaylandException {
        screencast = requests.bind(protocol.screencast, ScreencastProtocol.VERSION, EventHandler.IGNORE).orElse(null);
        if (requests.advertised(ScreencastProtocol.WINDOW_MANAGEMENT) >= ScreencastProtocol.WINDOW_MANAGEMENT_VERSION) {
            requests.bind(protocol.windowManagement, ScreencastProtocol.WINDOW_MANAGEMENT_VERSION, this::windowEvent);
        }
        return null;
    }

    String display() {
        return connection.display();
    }

    /** Completes with the reason once the connection is gone; not on close(). */
    CompletableFuture<String> lost() {
        return connection.lost();
    }

    <T> T await(CompletableFuture<T> result, Duration timeout, String what) throws WaylandException {
        return connection.await(result, timeout, what);
    }

    /** The registry and the windows as known now. */
    KwinRegistry registry(Duration timeout) throws WaylandException {
        return new KwinRegistry(connection.snapshot(timeout),
                connection.call(requests -> List.copyOf(windows), timeout, "KWin's window list"));
    }

    /** Asks KWin for a new virtual output of {@code width} x {@code height} named {@code name}, and its stream. */
    ScreencastStream streamVirtualOutput(String name, int width, int height, Duration timeout) throws WaylandException {
        return request("virtual output " + name + " " + width + "x" + height, timeout, (requests, events) -> {
            WaylandProxy target = requireScreencast(ScreencastProtocol.VIRTUAL_OUTPUT_SINCE, "virtual outputs");
            return requests.create(target, ScreencastProtocol.STREAM_VIRTUAL_OUTPUT, protocol.stream, events,
                    Requests.NEW_ID, name, width, height, SCALE_ONE, ScreencastProtocol.POINTER_EMBEDDED);
        });
    }

    /** Asks KWin to stream the existing output named {@code outputName}. */
    ScreencastStream streamOutput(String outputName, Duration timeout) throws WaylandException {
        return request("output " + outputName, timeout, (requests, events) -> {
            WaylandProxy target = requireScreencast(1, "output streams");
            WaylandProxy output = requests.output(outputName).orElseThrow(() -> new WaylandException(
                    "the compositor at " + display() + " has no output named \"" + outputName + "\"; it has: "
                            + String.join(", ", requests.outputNames())));
            return requests.create(target, ScreencastProtocol.STREAM_OUTPUT, protocol.stream, events,
                    Requests.NEW_ID, output, ScreencastProtocol.POINTER_EMBEDDED);
        });
    }

    /** Asks KWin to stream the window whose internal id is {@code uuid}. */
    ScreencastStream streamWindow(String uuid, Duration timeout) throws WaylandException {
        return request("window " + uuid, timeout, (requests, events) -> {
            WaylandProxy target = requireScreencast(1, "window streams");
            return requests.create(target, ScreencastProtocol.STREAM_WINDOW, protocol.stream, events,
                    Requests.NEW_ID, uuid, ScreencastProtocol.POINTER_EMBEDDED);
        });
    }

    private interface StreamRequest {
        WaylandProxy send(Requests requests, EventHandler events) throws WaylandException;
    }

    private ScreencastStream request(String kind, Duration timeout, StreamRequest send) throws WaylandException {
        ScreencastStream stream = new ScreencastStream(this, kind);
        return connection.call(requests -> {
            WaylandProxy proxy = send.send(requests, (p, opcode, args) -> streamEvent(stream, opcode, args));
            stream.proxy = proxy;
            streams.put(proxy.address(), stream);
            LOG.log(System.Logger.Level.INFO, "KWin at " + display() + ": requested a stream of " + kind);
            return stream;
        }, timeout, "the stream request");
    }

    private WaylandProxy requireScreencast(int version, String what) throws WaylandException {
        if (screencast == null) {
            throw new WaylandException("the compositor at " + display() + " does not offer "
                    + ScreencastProtocol.SCREENCAST + " to lumen");
        }
        if (screencast.version() < version) {
            throw new WaylandException("KWin's " + ScreencastProtocol.SCREENCAST + " is version "
                    + screencast.version() + "; " + what + " need version " + version);
        }
        return screencast;
    }

    /** Sends the stream's destructor (unless the connection is gone) and frees its proxy. */
    void release(ScreencastStream stream) {
        connection.submit(requests -> {
            WaylandProxy proxy = stream.proxy;
            if (proxy != null) {
                streams.remove(proxy.address());
                stream.proxy = null;
                requests.destroy(proxy, ScreencastProtocol.CLOSE);
                LOG.log(System.Logger.Level.INFO, "KWin at " + display() + ": closed the stream of " + stream.kind());
            }
            return null;
        });
    }

    /** Ends the connection: queued requests (a stream's close) go out first; KWin then drops what lumen held. */
    @Override
    public void close() {
        if (!connection.lost().isDone()) {
            new ArrayList<>(streams.values()).forEach(s -> s.lost("lumen closed the connection"));
        }
        connection.close();
    }

    private void lostConnection(String reason) {
        new ArrayList<>(streams.values()).forEach(s -> s.lost(reason));
    }

    private void streamEvent(ScreencastStream stream, int opcode, Arguments args) {
        switch (opcode) {
            case ScreencastProtocol.CLOSED -> {
                LOG.log(System.Logger.Level.INFO, "KWin at " + display() + " closed the stream of " + stream.kind());
                stream.closedByKwin();
            }
            case ScreencastProtocol.CREATED -> {
                int node = args.intAt(0);
                LOG.log(System.Logger.Level.INFO, "KWin at " + display() + " created the stream of " + stream.kind()
                        + ": PipeWire node " + Integer.toUnsignedString(node));
                stream.created(node);
            }
            case ScreencastProtocol.FAILED -> {
                String error = args.stringAt(0);
                LOG.log(System.Logger.Level.WARNING, "KWin at " + display() + " failed the stream of "
                        + stream.kind() + ": " + error);
                stream.failed(error);
            }
            default -> {
                // the tables bind no newer version, so no other event arrives
            }
        }
    }

    private void windowEvent(WaylandProxy proxy, int opcode, Arguments args) {
        if (opcode == ScreencastProtocol.WINDOW_WITH_UUID) {
            windows.add(args.stringAt(1));
        } else if (opcode == ScreencastProtocol.STACKING_ORDER_UUID_CHANGED) {
            // the compositor's full list replaces what was announced one by one (closed windows drop out)
            windows.clear();
            windows.addAll(Arrays.stream(args.stringAt(0).split(";")).filter(u -> !u.isBlank()).toList());
        }
    }
}
