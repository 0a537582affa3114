package io.lumen.capture.mutter.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.media.VideoMode;
import io.lumen.dbus.BusMessages;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    private volatile String remoteDesktopPath = "";
    private volatile String screenCastPath = "";
    private volatile String streamPath = "";

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
        remoteDesktopPath = path(connection.call(MutterBus.REMOTE_DESKTOP, MutterBus.REMOTE_DESKTOP_PATH,
                MutterBus.REMOTE_DESKTOP, "CreateSession", null, "RemoteDesktop.CreateSession"));
        Object sessionId = connection.property(MutterBus.REMOTE_DESKTOP, remoteDesktopPath,
                MutterBus.REMOTE_DESKTOP_SESSION, "SessionId");
        screenCastPath = path(connection.call(MutterBus.SCREEN_CAST, MutterBus.SCREEN_CAST_PATH,
                MutterBus.SCREEN_CAST, "CreateSession", "a{sv}", "ScreenCast.CreateSession",
                BusMessages.vardict("remote-desktop-session-id", String.valueOf(sessionId))));
        streamPath = record(settings.cursorMode());
        LOG.log(System.Logger.Level.INFO, "Mutter cast of the " + describeTarget(mode) + " requested: stream "
                + streamPath + ", remote desktop " + remoteDesktopPath);

        // the linked screencast is started by its remote-desktop session, which then emits the stream's node
        connection.call(MutterBus.REMOTE_DESKTOP, remoteDesktopPath, MutterBus.REMOTE_DESKTOP_SESSION, "Start", null,
                "RemoteDesktop.Session.Start");
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

    private String record(int cursorMode) throws BackendException {
        Map<String, Variant<?>> options = new HashMap<>();
        options.put("cursor-mode", new Variant<>(new UInt32(cursorMode)));
        return switch (target) {
            case MutterTarget.Virtual v -> {
                // a virtual monitor is the client's display, not a shared screen: no sharing indicator
                options.put("is-platform", new Variant<>(true));
                yield path(recordCall("RecordVirtual", "a{sv}", "ScreenCast.Session.RecordVirtual", options));
            }
            case MutterTarget.Monitor m -> {
                try {
                    yield path(recordCall("RecordMonitor", "sa{sv}", "recording monitor " + m.connector(),
                            m.connector(), options));
                } catch (BackendException e) {
                    throw new BackendException(e.getMessage() + " (Mutter's monitors: " + connectors() + ")", e);
                }
            }
            case MutterTarget.Window w -> {
                w.id().ifPresent(id -> options.put("window-id", new Variant<>(new UInt64(id))));
                yield path(recordCall("RecordWindow", "a{sv}", "recording the " + w.describe(), options));
            }
        };
    }

    private Object[] recordCall(String member, String signature, String what, Object... args)
            throws BackendException {
        return connection.call(MutterBus.SCREEN_CAST, screenCastPath, MutterBus.SCREEN_CAST_SESSION, member,
                signature, what, args);
    }

    private static String path(Object[] reply) throws BackendException {
        if (reply.length == 1 && reply[0] instanceof DBusPath path) {
            return path.getPath();
        }
        throw new BackendException("Mutter answered an object path with " + Arrays.toString(reply));
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
            connection.onSignal(MutterBus.SCREEN_CAST_STREAM, "PipeWireStreamAdded", signal -> {
                Object[] values = parameters(signal);
                if (signal.getPath().equals(streamPath) && values.length == 1 && values[0] instanceof UInt32 id) {
                    node.complete(id.intValue());
                }
            });
            connection.onSignal(MutterBus.SCREEN_CAST_SESSION, "Closed", signal -> {
                if (signal.getPath().equals(screenCastPath)) {
                    end("Mutter closed the screencast session " + screenCastPath);
                }
            });
            connection.onSignal(MutterBus.REMOTE_DESKTOP_SESSION, "Closed", signal -> {
                if (signal.getPath().equals(remoteDesktopPath)) {
                    end("Mutter closed the remote-desktop session " + remoteDesktopPath);
                }
            });
            connection.onSignal("org.freedesktop.DBus", "NameOwnerChanged", signal -> {
                Object[] values = parameters(signal);
                if (values.length == 3 && MutterBus.SCREEN_CAST.equals(values[0]) && !"".equals(values[1])) {
                    end("Mutter left the session bus (" + MutterBus.SCREEN_CAST + " lost its owner " + values[1]
                            + ")");
                }
            });
            // the connection is built by the dbus bundle's SessionBuses, so the callback is set on it afterwards
            connection.bus().setDisconnectCallback(new IDisconnectCallback() {
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

    private static Object[] parameters(DBusSignal signal) {
        try {
            return signal.getParameters();
        } catch (DBusException e) {
            return new Object[0]; // a signal of another shape than Mutter 43's is not one lumen waits for
        }
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
        return node.isCompletedExceptionally() ? -1 : node.getNow(-1);
    }

    String streamPath() {
        return streamPath;
    }

    String remoteDesktopPath() {
        return remoteDesktopPath;
    }

    MutterConnection connection() {
        return connection;
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
        if (live && !remoteDesktopPath.isEmpty() && connection.isConnected()) {
            try {
                connection.call(MutterBus.REMOTE_DESKTOP, remoteDesktopPath, MutterBus.REMOTE_DESKTOP_SESSION, "Stop",
                        null, "RemoteDesktop.Session.Stop");
            } catch (BackendException e) {
                LOG.log(System.Logger.Level.DEBUG, "Mutter cast " + streamPath + ": " + e.getMessage());
            }
        }
        connection.close();
        if (live && !remoteDesktopPath.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Mutter cast of the " + target.describe() + " closed by lumen");
        }
    }
}
