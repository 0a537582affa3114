package io.lumen.capture.mutter.impl;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.MethodNoReply;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;

/**
 * The parts of Mutter's private D-Bus API (org.gnome.Mutter.ScreenCast and RemoteDesktop, as of Mutter 43) that
 * lumen calls, declared for dbus-java. Mutter promises no compatibility between versions: only what 43 offers is
 * declared, and every option lumen passes is one 43 documents.
 */
final class MutterBus {

    static final String SCREEN_CAST = "org.gnome.Mutter.ScreenCast";
    static final String SCREEN_CAST_PATH = "/org/gnome/Mutter/ScreenCast";
    static final String REMOTE_DESKTOP = "org.gnome.Mutter.RemoteDesktop";
    static final String REMOTE_DESKTOP_PATH = "/org/gnome/Mutter/RemoteDesktop";
    static final String DISPLAY_CONFIG = "org.gnome.Mutter.DisplayConfig";
    static final String DISPLAY_CONFIG_PATH = "/org/gnome/Mutter/DisplayConfig";
    /** Where Mutter puts its session objects: their children are the live sessions of every client. */
    static final String SCREEN_CAST_SESSIONS = "/org/gnome/Mutter/ScreenCast/Session";
    static final String REMOTE_DESKTOP_SESSIONS = "/org/gnome/Mutter/RemoteDesktop/Session";

    /** NotifyPointerAxis flags: the end of a scroll sequence, so a client can start kinetic scrolling. */
    static final int AXIS_FINISH = 1;

    private MutterBus() {
    }

    @DBusInterfaceName(SCREEN_CAST)
    interface ScreenCast extends DBusInterface {
        DBusPath CreateSession(Map<String, Variant<?>> properties);
    }

    @DBusInterfaceName("org.gnome.Mutter.ScreenCast.Session")
    interface ScreenCastSession extends DBusInterface {
        void Stop();

        DBusPath RecordMonitor(String connector, Map<String, Variant<?>> properties);

        DBusPath RecordWindow(Map<String, Variant<?>> properties);

        DBusPath RecordVirtual(Map<String, Variant<?>> properties);

        /** Mutter closed the session: its client asked, or its monitor or window went away. */
        class Closed extends DBusSignal {
            public Closed(String path) throws DBusException {
                super(path);
            }
        }
    }

    @DBusInterfaceName("org.gnome.Mutter.ScreenCast.Stream")
    interface ScreenCastStream extends DBusInterface {

        /** The stream's PipeWire node exists: what capture-pipewire connects to. */
        class PipeWireStreamAdded extends DBusSignal {
            final UInt32 nodeId;

            public PipeWireStreamAdded(String path, UInt32 nodeId) throws DBusException {
                super(path, nodeId);
                this.nodeId = nodeId;
            }
        }
    }

    @DBusInterfaceName(REMOTE_DESKTOP)
    interface RemoteDesktop extends DBusInterface {
        DBusPath CreateSession();
    }

    /** Input calls expect no reply: each is sent and forgotten, so an input thread never waits for Mutter. */
    @DBusInterfaceName("org.gnome.Mutter.RemoteDesktop.Session")
    interface RemoteDesktopSession extends DBusInterface {
        void Start();

        void Stop();

        @MethodNoReply
        void NotifyKeyboardKeycode(UInt32 keycode, boolean pressed);

        @MethodNoReply
        void NotifyKeyboardKeysym(UInt32 keysym, boolean pressed);

        @MethodNoReply
        void NotifyPointerButton(int button, boolean pressed);

        @MethodNoReply
        void NotifyPointerAxis(double dx, double dy, UInt32 flags);

        @MethodNoReply
        void NotifyPointerAxisDiscrete(UInt32 axis, int steps);

        @MethodNoReply
        void NotifyPointerMotionRelative(double dx, double dy);

        @MethodNoReply
        void NotifyPointerMotionAbsolute(String stream, double x, double y);

        @MethodNoReply
        void NotifyTouchDown(String stream, UInt32 slot, double x, double y);

        @MethodNoReply
        void NotifyTouchMotion(String stream, UInt32 slot, double x, double y);

        @MethodNoReply
        void NotifyTouchUp(UInt32 slot);

        class Closed extends DBusSignal {
            public Closed(String path) throws DBusException {
                super(path);
            }
        }
    }
}
