package io.lumen.capture.portal.impl;

/**
 * The names and numbers of the desktop portal's D-Bus API lumen uses: the ScreenCast portal, the RemoteDesktop
 * portal (a screencast with input), the Request objects their calls answer through, and the Session a screencast
 * lives in. Calls go as plain messages (io.lumen.dbus.BusMessages), so no class of this bundle reaches dbus-java's
 * static caches. Checked against xdg-desktop-portal 1.16 and 1.17.
 */
final class PortalBus {

    static final String NAME = "org.freedesktop.portal.Desktop";
    static final String PATH = "/org/freedesktop/portal/desktop";
    static final String SCREEN_CAST = "org.freedesktop.portal.ScreenCast";
    static final String REMOTE_DESKTOP = "org.freedesktop.portal.RemoteDesktop";

    /** Source types (a bit mask) and cursor modes, as the portal numbers them. */
    static final int MONITOR = 1;
    static final int WINDOW = 2;
    static final int VIRTUAL = 4;
    static final int CURSOR_HIDDEN = 1;
    static final int CURSOR_EMBEDDED = 2;
    /** persist_mode: remembered until the user revokes it. */
    static final int PERSIST_UNTIL_REVOKED = 2;
    /** The first ScreenCast version with persist_mode and restore tokens. */
    static final int RESTORE_VERSION = 4;

    /** RemoteDesktop device types (a bit mask). */
    static final int KEYBOARD = 1;
    static final int POINTER = 2;
    static final int TOUCHSCREEN = 4;
    /**
     * The first RemoteDesktop version with persist_mode and restore_token in SelectDevices (xdg-desktop-portal 1.17);
     * before it the frontend refuses both on a remote-desktop session, so its consent cannot be remembered.
     */
    static final int REMOTE_DESKTOP_RESTORE_VERSION = 2;

    /** A Request's response codes. */
    static final int RESPONSE_SUCCESS = 0;
    static final int RESPONSE_CANCELLED = 1;

    static final String REQUEST = "org.freedesktop.portal.Request";
    static final String SESSION = "org.freedesktop.portal.Session";

    private PortalBus() {
    }
}
