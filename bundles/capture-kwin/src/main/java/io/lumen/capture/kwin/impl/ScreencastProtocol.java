package io.lumen.capture.kwin.impl;

import io.lumen.wayland.WaylandException;
import io.lumen.wayland.WaylandInterface;

/**
 * KWin's {@code zkde_screencast_unstable_v1} and its stream interface, and {@code org_kde_plasma_window_management}
 * (for the uuids a window stream names), described for libwayland-client. Facts from plasma-wayland-protocols'
 * zkde-screencast-unstable-v1.xml and plasma-window-management.xml: request and event order (their opcodes),
 * argument signatures, and the version each message appeared in. Only the versions described here are bound, so a
 * newer KWin never sends an event these tables lack (the screencast's {@code serial}, the window list's
 * {@code stacking_order_changed_2}).
 */
final class ScreencastProtocol {

    static final String SCREENCAST = "zkde_screencast_unstable_v1";
    static final String STREAM = "zkde_screencast_stream_unstable_v1";
    /** stream_virtual_output_with_description is the newest request described. */
    static final int VERSION = 4;
    /** Virtual outputs came in version 2. */
    static final int VIRTUAL_OUTPUT_SINCE = 2;

    // requests of zkde_screencast_unstable_v1, in the XML's order
    static final int STREAM_OUTPUT = 0;
    static final int STREAM_WINDOW = 1;
    static final int DESTROY = 2;
    static final int STREAM_VIRTUAL_OUTPUT = 3;
    // the stream's one request, a destructor
    static final int CLOSE = 0;
    // the stream's events
    static final int CLOSED = 0;
    static final int CREATED = 1;
    static final int FAILED = 2;

    static final String WINDOW_MANAGEMENT = "org_kde_plasma_window_management";
    /** window_with_uuid, the newest event described, came in version 13. */
    static final int WINDOW_MANAGEMENT_VERSION = 13;
    // events of org_kde_plasma_window_management used
    static final int STACKING_ORDER_UUID_CHANGED = 3;
    static final int WINDOW_WITH_UUID = 4;

    /** The pointer mode "embedded": the cursor is drawn into the picture, as a game stream wants it. */
    static final int POINTER_EMBEDDED = 2;

    final WaylandInterface screencast;
    final WaylandInterface stream;
    final WaylandInterface windowManagement;

    private ScreencastProtocol() throws WaylandException {
        // get_window's and get_window_by_uuid's new objects are never asked for: their interface stays untyped
        windowManagement = WaylandInterface.named(WINDOW_MANAGEMENT, WINDOW_MANAGEMENT_VERSION)
                .request("show_desktop", "u")
                .request("get_window", "nu")
                .request("get_window_by_uuid", "12ns")
                .event("show_desktop_changed", "u")
                .event("window", "u")
                .event("stacking_order_changed", "11a")
                .event("stacking_order_uuid_changed", "12s")
                .event("window_with_uuid", "13us")
                .build();
        stream = WaylandInterface.named(STREAM, VERSION)
                .request("close", "")
                .event("closed", "")
                .event("created", "u")
                .event("failed", "s")
                .build();
        screencast = WaylandInterface.named(SCREENCAST, VERSION)
                .request("stream_output", "nou", stream, WaylandInterface.output())
                .request("stream_window", "nsu", stream)
                .request("destroy", "")
                .request("stream_virtual_output", "2nsiifu", stream)
                .request("stream_region", "3niiuufu", stream)
                .request("stream_virtual_output_with_description", "4nssiifu", stream)
                .build();
    }

    private static ScreencastProtocol described;

    /** Built once the library is known to be there (wl_output's table is libwayland-client's). */
    static synchronized ScreencastProtocol get() throws WaylandException {
        if (described == null) {
            described = new ScreencastProtocol();
        }
        return described;
    }
}
