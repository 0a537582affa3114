package io.lumen.input.remotedesktop.impl;

import io.lumen.api.input.RemoteDesktop;
import io.lumen.dbus.SessionBuses;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real remote-desktop session of a real Mutter, linked to a screencast of one of its monitors, as capture-mutter
 * makes one for a cast: RemoteDesktop.CreateSession, its SessionId given to ScreenCast.CreateSession, the monitor
 * recorded, the pair started. The test's own stand-in for capture-mutter's implementation of the api's
 * {@link RemoteDesktop}, so this bundle's tests need no capture bundle; each call is one D-Bus method call, answered
 * before the next.
 */
final class LinkedMutterSession implements RemoteDesktop, AutoCloseable {

    private static final String BUS_NAME_RD = "org.gnome.Mutter.RemoteDesktop";
    private static final String BUS_NAME_SC = "org.gnome.Mutter.ScreenCast";

    @DBusInterfaceName("org.gnome.Mutter.RemoteDesktop")
    public interface RemoteDesktopService extends DBusInterface {
        DBusPath CreateSession();
    }

    @DBusInterfaceName("org.gnome.Mutter.RemoteDesktop.Session")
    public interface RemoteDesktopSession extends DBusInterface {
        void Start();

        void Stop();

        void NotifyKeyboardKeycode(UInt32 keycode, boolean state);

        void NotifyKeyboardKeysym(UInt32 keysym, boolean state);

        void NotifyPointerButton(int button, boolean state);

        void NotifyPointerAxis(double dx, double dy, UInt32 flags);

        void NotifyPointerAxisDiscrete(UInt32 axis, int steps);

        void NotifyPointerMotionRelative(double dx, double dy);

        void NotifyPointerMotionAbsolute(String stream, double x, double y);

        void NotifyTouchDown(String stream, UInt32 slot, double x, double y);

        void NotifyTouchMotion(String stream, UInt32 slot, double x, double y);

        void NotifyTouchUp(UInt32 slot);
    }

    @DBusInterfaceName("org.gnome.Mutter.ScreenCast")
    public interface ScreenCast extends DBusInterface {
        DBusPath CreateSession(Map<String, Variant<?>> properties);
    }

    @DBusInterfaceName("org.gnome.Mutter.ScreenCast.Session")
    public interface ScreenCastSession extends DBusInterface {
        DBusPath RecordMonitor(String connector, Map<String, Variant<?>> properties);
    }

    private final DBusConnection connection;
    private final RemoteDesktopSession session;
    private final String stream;
    private final int width;
    private final int height;
    private final AtomicLong dropped = new AtomicLong();
    private volatile String lastError = "none";
    private final CompletableFuture<String> ended = new CompletableFuture<>();

    private LinkedMutterSession(DBusConnection connection, RemoteDesktopSession session, String stream, int width,
                                int height) {
        this.connection = connection;
        this.session = session;
        this.stream = stream;
        this.width = width;
        this.height = height;
    }

    /** Links a remote desktop to a cast of {@code connector} ({@code width} by {@code height}) and starts both. */
    static LinkedMutterSession start(String busAddress, String connector, int width, int height)
            throws DBusException {
        DBusConnection connection = SessionBuses.connect(busAddress);
        try {
            RemoteDesktopService remoteDesktop = connection.getRemoteObject(BUS_NAME_RD,
                    "/org/gnome/Mutter/RemoteDesktop", RemoteDesktopService.class);
            String sessionPath = remoteDesktop.CreateSession().getPath();
            RemoteDesktopSession session = connection.getRemoteObject(BUS_NAME_RD, sessionPath,
                    RemoteDesktopSession.class);
            String sessionId = connection.getRemoteObject(BUS_NAME_RD, sessionPath, Properties.class)
                    .Get("org.gnome.Mutter.RemoteDesktop.Session", "SessionId");
            ScreenCast screenCast = connection.getRemoteObject(BUS_NAME_SC, "/org/gnome/Mutter/ScreenCast",
                    ScreenCast.class);
            String castPath = screenCast.CreateSession(Map.of("remote-desktop-session-id", new Variant<>(sessionId)))
                    .getPath();
            String stream = connection.getRemoteObject(BUS_NAME_SC, castPath, ScreenCastSession.class)
                    .RecordMonitor(connector, Map.of()).getPath();
            session.Start(); // starts the linked screencast too
            return new LinkedMutterSession(connection, session, stream, width, height);
        } catch (DBusException | RuntimeException e) {
            disconnect(connection);
            throw e;
        }
    }

    private void call(Runnable method) {
        if (ended.isDone()) {
            dropped.incrementAndGet();
            return;
        }
        try {
            method.run();
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            lastError = e.toString();
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void pointerMotionAbsolute(double x, double y) {
        call(() -> session.NotifyPointerMotionAbsolute(stream, x, y));
    }

    @Override
    public void pointerMotionRelative(double dx, double dy) {
        call(() -> session.NotifyPointerMotionRelative(dx, dy));
    }

    @Override
    public void pointerButton(int button, boolean pressed) {
        call(() -> session.NotifyPointerButton(button, pressed));
    }

    @Override
    public void pointerAxis(double dx, double dy, boolean finish) {
        call(() -> session.NotifyPointerAxis(dx, dy, new UInt32(finish ? 1 : 0)));
    }

    @Override
    public void pointerAxisDiscrete(int axis, int steps) {
        call(() -> session.NotifyPointerAxisDiscrete(new UInt32(axis), steps));
    }

    @Override
    public void keyboardKeycode(int keycode, boolean pressed) {
        call(() -> session.NotifyKeyboardKeycode(new UInt32(keycode), pressed));
    }

    @Override
    public void keyboardKeysym(int keysym, boolean pressed) {
        call(() -> session.NotifyKeyboardKeysym(new UInt32(keysym), pressed));
    }

    @Override
    public void touchDown(int slot, double x, double y) {
        call(() -> session.NotifyTouchDown(stream, new UInt32(slot), x, y));
    }

    @Override
    public void touchMotion(int slot, double x, double y) {
        call(() -> session.NotifyTouchMotion(stream, new UInt32(slot), x, y));
    }

    @Override
    public void touchUp(int slot) {
        call(() -> session.NotifyTouchUp(new UInt32(slot)));
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    /** Why Mutter refused the last call it refused, for failure messages. */
    String lastError() {
        return lastError;
    }

    @Override
    public CompletionStage<String> ended() {
        return ended;
    }

    /** Stops the pair, as a cast closing would: Mutter lets go of the session's keys and buttons. */
    @Override
    public void close() {
        if (ended.complete("the test stopped the cast")) {
            try {
                session.Stop();
            } catch (RuntimeException e) {
                // Mutter already gone: its sessions went with it
            }
            disconnect(connection);
        }
    }

    private static void disconnect(DBusConnection connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // the bus is gone already
        }
    }
}
