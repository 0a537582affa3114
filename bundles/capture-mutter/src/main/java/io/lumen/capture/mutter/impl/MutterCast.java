package io.lumen.capture.mutter.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.media.VideoMode;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.DBusSigHandler;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One Mutter screencast on its own D-Bus connection: a remote-desktop session, the screencast session linked to it,
 * one recorded stream and the PipeWire node Mutter made for it. The remote-desktop session is always created, so
 * input for the streamed monitor can go through it. The end is reported once through {@link #ended()}: Mutter
 * closing a session, Mutter leaving the bus, the bus itself going away, or lumen closing the cast. Because Mutter
 * ends a client's sessions when its connection closes, a lumen that dies leaves nothing behind in Mutter.
 */
final class MutterCast implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.capture.mutter");

    private final MutterConnection connection;
    private final MutterTarget target;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final CompletableFuture<Integer> node = new CompletableFuture<>();
    private MutterBus.RemoteDesktopSession remoteDesktop;
    private String remoteDesktopPath = "";
    private String screenCastPath = "";
    private String streamPath = "";

    private MutterCast(MutterConnection connection, MutterTarget target) {
        this.connection = connection;
        this.target = target;
    }

    /**
     * Asks Mutter for {@code target} and returns once the stream's PipeWire node exists. {@code mode} is the
     * client's: for a virtual monitor it only names the cast, as Mutter sizes the monitor from the format the
     * PipeWire consumer fixes.
     */
    static MutterCast open(MutterSettings settings, MutterTarget target, VideoMode mode) throws BackendException {
        MutterConnection connection = MutterConnection.open(settings);
        MutterCast cast = new MutterCast(connection, target);
        try {
            cast.start(settings, mode);
            return cast;
        } catch (BackendException | RuntimeException e) {
            cast.close();
            throw e;
        }
    }

    private void start(MutterSettings settings, VideoMode mode) throws BackendException {
        watchBus();
        MutterBus.RemoteDesktop desktops = connection.object(MutterBus.REMOTE_DESKTOP, MutterBus.REMOTE_DESKTOP_PATH,
                MutterBus.RemoteDesktop.class);
        remoteDesktopPath = connection.<DBusPath>call(desktops, "CreateSession", "RemoteDesktop.CreateSession")
                .getPath();
        remoteDesktop = connection.object(MutterBus.REMOTE_DESKTOP, remoteDesktopPath,
                MutterBus.RemoteDesktopSession.class);
        Properties properties = connection.object(MutterBus.REMOTE_DESKTOP, remoteDesktopPath, Properties.class);
        String sessionId = connection.call(properties, "Get", "reading the remote-desktop session's SessionId",
                "org.gnome.Mutter.RemoteDesktop.Session", "SessionId");

        MutterBus.ScreenCast casts = connection.object(MutterBus.SCREEN_CAST, MutterBus.SCREEN_CAST_PATH,
                MutterBus.ScreenCast.class);
        screenCastPath = connection.<DBusPath>call(casts, "CreateSession", "ScreenCast.CreateSession",
                Map.of("remote-desktop-session-id", new Variant<>(sessionId))).getPath();
        MutterBus.ScreenCastSession session = connection.object(MutterBus.SCREEN_CAST, screenCastPath,
                MutterBus.ScreenCastSession.class);
        streamPath = record(session, settings.cursorMode()).getPath();
        LOG.log(System.Logger.Level.INFO, "Mutter cast of the " + describeTarget(mode) + " requested: stream "
                + streamPath + ", remote desktop " + remoteDesktopPath);

        // the linked screencast is started by its remote-desktop session, which then emits the stream's node
        connection.<Object>call(remoteDesktop, "Start", "RemoteDesktop.Session.Start");
        try {
            int id = node.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.log(System.Logger.Level.INFO, "Mutter cast of the " + describeTarget(mode) + " started: PipeWire node "
                    + Integer.toUnsignedString(id));
        } catch (TimeoutException e) {
            throw new BackendException("Mutter sent no PipeWire node for the " + describeTarget(mode) + " within "
                    + settings.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new BackendException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while waiting for Mutter's PipeWire node");
        }
    }

    private DBusPath record(MutterBus.ScreenCastSession session, int cursorMode) throws BackendException {
        Map<String, Variant<?>> options = new HashMap<>();
        options.put("cursor-mode", new Variant<>(new UInt32(cursorMode)));
        return switch (target) {
            case MutterTarget.Virtual v -> {
                // a virtual monitor is the client's display, not a shared screen: no sharing indicator
                options.put("is-platform", new Variant<>(true));
                yield connection.call(session, "RecordVirtual", "ScreenCast.Session.RecordVirtual", options);
            }
            case MutterTarget.Monitor m -> {
                try {
                    yield connection.call(session, "RecordMonitor", "recording monitor " + m.connector(),
                            m.connector(), options);
                } catch (BackendException e) {
                    throw new BackendException(e.getMessage() + " (Mutter's monitors: " + connectors() + ")", e);
                }
            }
            case MutterTarget.Window w -> {
                w.id().ifPresent(id -> options.put("window-id", new Variant<>(new UInt64(id))));
                yield connection.call(session, "RecordWindow", "recording the " + w.describe(), options);
            }
        };
    }

    private String connectors() {
        try {
            return String.join(", ", connection.monitors().stream().map(MutterMonitor::connector).toList());
        } catch (BackendException e) {
            return "unknown: " + e.getMessage();
        }
    }

    /** Everything that can end the cast, watched before anything is asked so no end goes unseen. */
    @SuppressWarnings("removal")
    private void watchBus() throws BackendException {
        try {
            var bus = connection.bus();
            bus.addSigHandler(MutterBus.ScreenCastStream.PipeWireStreamAdded.class, signal -> {
                if (signal.getPath().equals(streamPath)) {
                    node.complete(signal.nodeId.intValue());
                }
            });
            bus.addSigHandler(MutterBus.ScreenCastSession.Closed.class, closed(() -> screenCastPath,
                    "Mutter closed the screencast session"));
            bus.addSigHandler(MutterBus.RemoteDesktopSession.Closed.class, closed(() -> remoteDesktopPath,
                    "Mutter closed the remote-desktop session"));
            bus.addSigHandler(DBus.NameOwnerChanged.class, signal -> {
                if (signal.name.equals(MutterBus.SCREEN_CAST) && !signal.oldOwner.isEmpty()) {
                    end("Mutter left the session bus (" + MutterBus.SCREEN_CAST + " lost its owner "
                            + signal.oldOwner + ")");
                }
            });
            // the connection is built by the dbus bundle's SessionBuses, so the callback is set on it afterwards
            bus.setDisconnectCallback(new IDisconnectCallback() {
                @Override
                public void disconnectOnError(IOException e) {
                    end("the D-Bus session bus at " + connection.address() + " went away: " + e.getMessage());
                }

                @Override
                public void exceptionOnTerminate(IOException e) {
                    end("the D-Bus session bus at " + connection.address() + " went away: " + e.getMessage());
                }
            });
        } catch (DBusException e) {
            throw new BackendException("cannot watch Mutter's signals on " + connection.address() + ": "
                    + e.getMessage(), e);
        }
    }

    private <S extends DBusSignal> DBusSigHandler<S> closed(Supplier<String> path, String reason) {
        return signal -> {
            if (signal.getPath().equals(path.get())) {
                end(reason + " " + signal.getPath());
            }
        };
    }

    private void end(String reason) {
        node.completeExceptionally(new BackendException(reason));
        if (ended.complete(reason)) {
            LOG.log(System.Logger.Level.WARNING, "Mutter cast of the " + target.describe() + " ended: " + reason);
        }
    }

    String describeTarget(VideoMode mode) {
        return target instanceof MutterTarget.Virtual ? "virtual monitor " + mode.width() + "x" + mode.height() + "@"
                + mode.fps() : target.describe();
    }

    MutterTarget target() {
        return target;
    }

    int node() {
        return node.getNow(-1);
    }

    String streamPath() {
        return streamPath;
    }

    String remoteDesktopPath() {
        return remoteDesktopPath;
    }

    String screenCastPath() {
        return screenCastPath;
    }

    MutterConnection connection() {
        return connection;
    }

    /** The remote-desktop session, for input; null before the cast started. */
    MutterBus.RemoteDesktopSession remoteDesktop() {
        return remoteDesktop;
    }

    /** Completes with the reason once the cast is over, whoever ended it. */
    CompletableFuture<String> ended() {
        return ended;
    }

    boolean isLive() {
        return !ended.isDone();
    }

    /**
     * Stops the remote-desktop session, which ends its screencast and removes a virtual monitor, then hangs up;
     * the hang-up alone would make Mutter clean up too, so a Stop that fails costs nothing.
     */
    @Override
    public void close() {
        boolean live = ended.complete("the cast was closed by lumen");
        node.completeExceptionally(new BackendException("the cast was closed"));
        if (live && remoteDesktop != null && connection.isConnected()) {
            try {
                connection.<Object>call(remoteDesktop, "Stop", "RemoteDesktop.Session.Stop");
            } catch (BackendException e) {
                LOG.log(System.Logger.Level.DEBUG, "Mutter cast " + streamPath + ": " + e.getMessage());
            }
        }
        connection.close();
        if (live && remoteDesktop != null) {
            LOG.log(System.Logger.Level.INFO, "Mutter cast of the " + target.describe() + " closed by lumen");
        }
    }
}
