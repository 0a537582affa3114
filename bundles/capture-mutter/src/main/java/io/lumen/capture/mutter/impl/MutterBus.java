package io.lumen.capture.mutter.impl;

/**
 * The names of Mutter's private D-Bus API (org.gnome.Mutter.ScreenCast, RemoteDesktop and DisplayConfig, as of
 * Mutter 43) that lumen uses. Mutter promises no compatibility between versions: only what 43 offers is used, and
 * every option lumen passes is one 43 documents.
 */
final class MutterBus {

    static final String SCREEN_CAST = "org.gnome.Mutter.ScreenCast";
    static final String SCREEN_CAST_PATH = "/org/gnome/Mutter/ScreenCast";
    static final String SCREEN_CAST_SESSION = "org.gnome.Mutter.ScreenCast.Session";
    static final String SCREEN_CAST_STREAM = "org.gnome.Mutter.ScreenCast.Stream";
    static final String REMOTE_DESKTOP = "org.gnome.Mutter.RemoteDesktop";
    static final String REMOTE_DESKTOP_PATH = "/org/gnome/Mutter/RemoteDesktop";
    static final String REMOTE_DESKTOP_SESSION = "org.gnome.Mutter.RemoteDesktop.Session";
    static final String DISPLAY_CONFIG = "org.gnome.Mutter.DisplayConfig";
    static final String DISPLAY_CONFIG_PATH = "/org/gnome/Mutter/DisplayConfig";
    /** Where Mutter puts its session objects: their children are the live sessions of every client. */
    static final String SCREEN_CAST_SESSIONS = "/org/gnome/Mutter/ScreenCast/Session";
    static final String REMOTE_DESKTOP_SESSIONS = "/org/gnome/Mutter/RemoteDesktop/Session";

    /** NotifyPointerAxis flags: the end of a scroll sequence, so a client can start kinetic scrolling. */
    static final int AXIS_FINISH = 1;

    private MutterBus() {
    }
}
