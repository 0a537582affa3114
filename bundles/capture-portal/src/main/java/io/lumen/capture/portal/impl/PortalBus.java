package io.lumen.capture.portal.impl;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;

/**
 * The parts of the desktop portal's D-Bus API lumen calls: the ScreenCast portal, the RemoteDesktop portal (a
 * screencast with input), the Request objects their calls answer through, and the Session a screencast lives in.
 * Public because dbus-java builds proxies of them. Checked against xdg-desktop-portal 1.16 and 1.17.
 */
public final class PortalBus {

    public static final String NAME = "org.freedesktop.portal.Desktop";
    public static final String PATH = "/org/freedesktop/portal/desktop";
    public static final String SCREEN_CAST = "org.freedesktop.portal.ScreenCast";
    public static final String REMOTE_DESKTOP = "org.freedesktop.portal.RemoteDesktop";

    /** Source types (a bit mask) and cursor modes, as the portal numbers them. */
    public static final int MONITOR = 1;
    public static final int WINDOW = 2;
    public static final int VIRTUAL = 4;
    public static final int CURSOR_HIDDEN = 1;
    public static final int CURSOR_EMBEDDED = 2;
    /** persist_mode: remembered until the user revokes it. */
    public static final int PERSIST_UNTIL_REVOKED = 2;
    /** The first ScreenCast version with persist_mode and restore tokens. */
    public static final int RESTORE_VERSION = 4;

    /** RemoteDesktop device types (a bit mask). */
    public static final int KEYBOARD = 1;
    public static final int POINTER = 2;
    public static final int TOUCHSCREEN = 4;
    /**
     * The first RemoteDesktop version with persist_mode and restore_token in SelectDevices (xdg-desktop-portal 1.17);
     * before it the frontend refuses both on a remote-desktop session, so its consent cannot be remembered.
     */
    public static final int REMOTE_DESKTOP_RESTORE_VERSION = 2;

    /** A Request's response codes. */
    public static final int RESPONSE_SUCCESS = 0;
    public static final int RESPONSE_CANCELLED = 1;

    private PortalBus() {
    }

    @DBusInterfaceName("org.freedesktop.portal.ScreenCast")
    public interface ScreenCast extends DBusInterface {
        DBusPath CreateSession(Map<String, Variant<?>> options);

        DBusPath SelectSources(DBusPath session, Map<String, Variant<?>> options);

        DBusPath Start(DBusPath session, String parentWindow, Map<String, Variant<?>> options);

        FileDescriptor OpenPipeWireRemote(DBusPath session, Map<String, Variant<?>> options);
    }

    /** Sessions, device selection and Start; the Notify* input calls are sent as raw messages (see PortalInput). */
    @DBusInterfaceName("org.freedesktop.portal.RemoteDesktop")
    public interface RemoteDesktopPortal extends DBusInterface {
        DBusPath CreateSession(Map<String, Variant<?>> options);

        DBusPath SelectDevices(DBusPath session, Map<String, Variant<?>> options);

        DBusPath Start(DBusPath session, String parentWindow, Map<String, Variant<?>> options);
    }

    @DBusInterfaceName("org.freedesktop.portal.Request")
    public interface Request extends DBusInterface {
        void Close();

        /** The answer to one portal call: a code and its results. */
        class Response extends DBusSignal {
            private final UInt32 response;
            private final Map<String, Variant<?>> results;

            public Response(String path, UInt32 response, Map<String, Variant<?>> results) throws DBusException {
                super(path, response, results);
                this.response = response;
                this.results = results;
            }

            public int code() {
                return response.intValue();
            }

            public Map<String, Variant<?>> results() {
                return results;
            }
        }
    }

    @DBusInterfaceName("org.freedesktop.portal.Session")
    public interface Session extends DBusInterface {
        void Close();

        /** The portal ended the session: the user stopped sharing, or the desktop's backend went away. */
        class Closed extends DBusSignal {
            public Closed(String path, Map<String, Variant<?>> details) throws DBusException {
                super(path, details);
            }
        }
    }
}
