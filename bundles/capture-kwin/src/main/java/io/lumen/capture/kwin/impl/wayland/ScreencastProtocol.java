package io.lumen.capture.kwin.impl.wayland;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * KWin's {@code zkde_screencast_unstable_v1} and its stream interface, and {@code org_kde_plasma_window_management}
 * (for the uuids a window stream names), as libwayland-client's {@code wl_interface} tables, built in native memory:
 * there is no generated C for them to link against. Facts from plasma-wayland-protocols'
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

    /** The pointer mode "embedded": the cursor is drawn into the picture, as a game stream wants it. */
    static final int POINTER_EMBEDDED = 2;

    private static final long MESSAGE_SIZE = 24;
    private static final long INTERFACE_SIZE = 40;

    private final Arena arena;
    final MemorySegment screencast;
    final MemorySegment stream;
    final MemorySegment windowManagement;

    /** In {@code arena}, which must outlive every proxy of these interfaces. */
    ScreencastProtocol(Arena arena, MemorySegment outputInterface) {
        this.arena = arena;
        stream = arena.allocate(INTERFACE_SIZE, 8);
        screencast = arena.allocate(INTERFACE_SIZE, 8);
        windowManagement = arena.allocate(INTERFACE_SIZE, 8);
        // get_window's and get_window_by_uuid's new objects are never asked for: their interface stays NULL
        fill(windowManagement, WINDOW_MANAGEMENT, WINDOW_MANAGEMENT_VERSION,
                List.of(message("show_desktop", "u"), message("get_window", "nu", MemorySegment.NULL,
                                MemorySegment.NULL),
                        message("get_window_by_uuid", "12ns", MemorySegment.NULL, MemorySegment.NULL)),
                List.of(message("show_desktop_changed", "u"), message("window", "u"),
                        message("stacking_order_changed", "11a"), message("stacking_order_uuid_changed", "12s"),
                        message("window_with_uuid", "13us")));
        fill(stream, STREAM, VERSION,
                List.of(message("close", "")),
                List.of(message("closed", ""), message("created", "u"), message("failed", "s")));
        fill(screencast, SCREENCAST, VERSION,
                List.of(message("stream_output", "nou", stream, outputInterface, MemorySegment.NULL),
                        message("stream_window", "nsu", stream, MemorySegment.NULL, MemorySegment.NULL),
                        message("destroy", ""),
                        message("stream_virtual_output", "2nsiifu", stream, MemorySegment.NULL, MemorySegment.NULL,
                                MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL),
                        message("stream_region", "3niiuufu", stream, MemorySegment.NULL, MemorySegment.NULL,
                                MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL),
                        message("stream_virtual_output_with_description", "4nssiifu", stream, MemorySegment.NULL,
                                MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL,
                                MemorySegment.NULL)),
                List.of());
    }

    private record Message(String name, String signature, MemorySegment[] types) {
    }

    /** {@code types}: one per argument, the interface of object and new_id arguments, NULL for the others. */
    private static Message message(String name, String signature, MemorySegment... types) {
        return new Message(name, signature, types);
    }

    private void fill(MemorySegment target, String name, int version, List<Message> requests, List<Message> events) {
        target.set(ValueLayout.ADDRESS, 0, arena.allocateFrom(name));
        target.set(ValueLayout.JAVA_INT, 8, version);
        target.set(ValueLayout.JAVA_INT, 12, requests.size());
        target.set(ValueLayout.ADDRESS, 16, messages(requests));
        target.set(ValueLayout.JAVA_INT, 24, events.size());
        target.set(ValueLayout.ADDRESS, 32, messages(events));
    }

    private MemorySegment messages(List<Message> messages) {
        if (messages.isEmpty()) {
            return MemorySegment.NULL;
        }
        MemorySegment table = arena.allocate(MESSAGE_SIZE * messages.size(), 8);
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            long at = i * MESSAGE_SIZE;
            table.set(ValueLayout.ADDRESS, at, arena.allocateFrom(m.name()));
            table.set(ValueLayout.ADDRESS, at + 8, arena.allocateFrom(m.signature()));
            MemorySegment types = MemorySegment.NULL;
            if (m.types().length > 0) {
                types = arena.allocate(ValueLayout.ADDRESS, m.types().length);
                for (int t = 0; t < m.types().length; t++) {
                    types.setAtIndex(ValueLayout.ADDRESS, t, m.types()[t]);
                }
            }
            table.set(ValueLayout.ADDRESS, at + 16, types);
        }
        return table;
    }
}
