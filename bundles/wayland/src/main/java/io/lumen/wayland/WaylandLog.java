package io.lumen.wayland;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * libwayland-client's own complaints ("interface 'x' has no event 9", "zkde_...@6: error 0: <the compositor's
 * message>"), which it would otherwise print to stderr only. Its log handler is process-wide and called on the
 * thread that reads the connection, so the last line is kept per thread: the dispatch thread that lost its connection
 * reads its own. The handler formats through vsnprintf: the va_list arrives as a pointer on x86-64 and AArch64.
 */
@SuppressWarnings("restricted") // installing libwayland's log handler is what this class is for
final class WaylandLog {

    private static final ThreadLocal<String> LAST = new ThreadLocal<>();
    private static final int LINE = 512;
    private static MethodHandle vsnprintf;
    private static boolean installed;

    private WaylandLog() {
    }

    /** Installs the handler once; a failure leaves libwayland printing to stderr, as it does by default. */
    static synchronized void install(LibWayland lib, Arena arena) {
        if (installed || lib.logSetHandler == null) {
            return;
        }
        installed = true;
        try {
            vsnprintf = Linker.nativeLinker().downcallHandle(Linker.nativeLinker().defaultLookup().find("vsnprintf")
                    .orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
            MethodHandle target = MethodHandles.lookup().findStatic(WaylandLog.class, "log",
                    MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class));
            MemorySegment stub = Linker.nativeLinker().upcallStub(target, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS),
                    arena);
            lib.logSetHandler.invokeExact(stub);
        } catch (Throwable e) {
            System.getLogger("lumen.wayland").log(System.Logger.Level.DEBUG,
                    "libwayland-client's log stays on stderr", e);
        }
    }

    /** The last line libwayland-client logged on this thread, or null; cleared by reading. */
    static String takeLast() {
        String last = LAST.get();
        LAST.remove();
        return last;
    }

    private static void log(MemorySegment format, MemorySegment args) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buffer = call.allocate(LINE);
            int ignored = (int) vsnprintf.invokeExact(buffer, (long) LINE, format, args);
            LAST.set(buffer.getString(0).strip());
        } catch (Throwable e) {
            LAST.set(null); // nothing may escape an upcall
        }
    }
}
