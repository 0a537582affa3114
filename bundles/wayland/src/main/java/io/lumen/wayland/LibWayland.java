package io.lumen.wayland;

import io.lumen.nativeaccess.Errno;
import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libwayland-client and the few libc calls its dispatch loop needs, bound through FFM once per bundle class loader.
 * Requests go through {@code wl_proxy_marshal_array_flags} (libwayland 1.20 and later) rather than the variadic
 * {@code wl_proxy_marshal_flags}: one handle serves every request's arguments. A missing library, or one older than
 * 1.20, is a reason from {@link #unavailableReason()}, never an exception at load time.
 */
final class LibWayland {

    static final String LIBRARY = "libwayland-client.so.0";
    /** The oldest libwayland-client with wl_proxy_marshal_array_flags. */
    private static final String MARSHAL = "wl_proxy_marshal_array_flags";

    private static final class SystemLibrary {
        static final Arena ARENA = Arena.ofAuto();
        static final LibWayland INSTANCE = new LibWayland(NativeLibrary.load(ARENA, LIBRARY));

        static {
            WaylandLog.install(INSTANCE, ARENA);
        }
    }

    private final String unavailable;

    final MethodHandle displayConnect;
    final MethodHandle displayDisconnect;
    final MethodHandle displayGetFd;
    final MethodHandle displayPrepareRead;
    final MethodHandle displayReadEvents;
    final MethodHandle displayCancelRead;
    final MethodHandle displayDispatchPending;
    final MethodHandle displayFlush;
    final MethodHandle displayGetError;
    final MethodHandle displayGetProtocolError;
    final MethodHandle proxyMarshalArrayFlags;
    final MethodHandle proxyAddDispatcher;
    final MethodHandle proxyDestroy;
    final MethodHandle logSetHandler;
    final MemorySegment registryInterface;
    final MemorySegment callbackInterface;
    final MemorySegment outputInterface;

    final MethodHandle poll;
    final MethodHandle eventfd;
    final MethodHandle write;
    final MethodHandle read;
    final MethodHandle close;

    private LibWayland(NativeLibrary lib) {
        String reason = lib.unavailableReason().orElse(null);
        if (reason == null && !lib.hasSymbol(MARSHAL)) {
            reason = LIBRARY + " is older than 1.20 (it has no " + MARSHAL + ")";
        }
        unavailable = reason;
        boolean bound = reason == null;
        displayConnect = bound ? lib.downcall("wl_display_connect", FunctionDescriptor.of(ADDRESS, ADDRESS), Errno.CAPTURE) : null;
        displayDisconnect = bound ? lib.downcall("wl_display_disconnect", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        displayGetFd = bound ? lib.downcall("wl_display_get_fd", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        displayPrepareRead = bound ? lib.downcall("wl_display_prepare_read", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        displayReadEvents = bound ? lib.downcall("wl_display_read_events", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        displayCancelRead = bound ? lib.downcall("wl_display_cancel_read", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        displayDispatchPending = bound ? lib.downcall("wl_display_dispatch_pending", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        displayFlush = bound ? lib.downcall("wl_display_flush", FunctionDescriptor.of(JAVA_INT, ADDRESS), Errno.CAPTURE) : null;
        displayGetError = bound ? lib.downcall("wl_display_get_error", FunctionDescriptor.of(JAVA_INT, ADDRESS)) : null;
        displayGetProtocolError = bound ? lib.downcall("wl_display_get_protocol_error", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS)) : null;
        proxyMarshalArrayFlags = bound ? lib.downcall(MARSHAL, FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS)) : null;
        proxyAddDispatcher = bound ? lib.downcall("wl_proxy_add_dispatcher", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS)) : null;
        proxyDestroy = bound ? lib.downcall("wl_proxy_destroy", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        logSetHandler = bound ? lib.downcall("wl_log_set_handler_client", FunctionDescriptor.ofVoid(ADDRESS)) : null;
        registryInterface = bound ? lib.symbol("wl_registry_interface") : null;
        callbackInterface = bound ? lib.symbol("wl_callback_interface") : null;
        outputInterface = bound ? lib.symbol("wl_output_interface") : null;
        NativeLibrary libc = NativeLibrary.libc();
        poll = libc.downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), Errno.CAPTURE);
        eventfd = libc.downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Errno.CAPTURE);
        write = libc.downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        read = libc.downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
        close = libc.downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    /** The system's libwayland-client, loaded on first use. */
    static LibWayland system() {
        return SystemLibrary.INSTANCE;
    }

    /** Why Wayland cannot be spoken here ("libwayland-client.so.0 not found"); empty when it can. */
    Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailable);
    }
}
