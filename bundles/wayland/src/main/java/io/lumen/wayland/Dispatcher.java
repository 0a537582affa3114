package io.lumen.wayland;

import io.lumen.log.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The one upcall every proxy's events arrive through ({@code wl_proxy_add_dispatcher}): libwayland-client has
 * already decoded the message by the interface's signature, so one stub serves every interface, and a protocol
 * described at run time needs no stubs of its own. The implementation pointer of each proxy is a key to the
 * {@link Target} of one connection (a pointer to a Java object cannot be passed through C). The stub catches
 * everything: an exception escaping an upcall aborts the JVM, and events come from a compositor that may be buggy
 * or hostile.
 */
@SuppressWarnings("restricted") // the upcall and the compositor's C strings are what this class is for
final class Dispatcher {

    /** What one connection hears: an event for the proxy at {@code proxy}, its arguments decoded. */
    interface Target {
        void event(long proxy, int opcode, Arguments args);
    }

    private static final System.Logger LOG = System.getLogger("lumen.wayland");
    private static final WarnOnce WARNINGS = new WarnOnce(LOG);
    private static final Map<Long, Target> TARGETS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_KEY = new AtomicLong(1);
    /** A Wayland string is NUL-terminated; this bounds the read of one from a misbehaving peer. */
    private static final long MAX_STRING = 1 << 16;
    private static final Arena ARENA = Arena.ofAuto();
    /** {@code int (*)(const void *implementation, void *proxy, uint32_t opcode, const struct wl_message *, union wl_argument *)}. */
    static final MemorySegment STUB = stub();

    private Dispatcher() {
    }

    /** The implementation pointer that routes events to {@code target} until {@link #unregister}. */
    static MemorySegment register(Target target) {
        long key = NEXT_KEY.getAndIncrement();
        TARGETS.put(key, target);
        return MemorySegment.ofAddress(key);
    }

    static void unregister(MemorySegment key) {
        TARGETS.remove(key.address());
    }

    private static MemorySegment stub() {
        try {
            FunctionDescriptor descriptor = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS,
                    ADDRESS);
            MethodHandle target = MethodHandles.lookup().findStatic(Dispatcher.class, "dispatch",
                    descriptor.toMethodType());
            return Linker.nativeLinker().upcallStub(target, descriptor, ARENA);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static int dispatch(MemorySegment implementation, MemorySegment proxy, int opcode, MemorySegment message,
                                MemorySegment args) {
        try {
            Target target = TARGETS.get(implementation.address());
            if (target != null) {
                MemorySegment described = message.reinterpret(16);
                int count = argumentCount(string(described.get(ADDRESS, 8)));
                target.event(proxy.address(), opcode, new Arguments(args.reinterpret(8L * count)));
            }
        } catch (Throwable e) {
            try {
                WARNINGS.warn("event " + opcode, "handling a Wayland event (opcode " + opcode + ") failed: " + e);
            } catch (Throwable ignored) {
                // the logger itself failed: nothing may escape an upcall
            }
        }
        return 0;
    }

    /** A signature such as "2?su" has one argument per type letter; digits (a since-version) and '?' are not. */
    static int argumentCount(String signature) {
        int count = 0;
        for (char c : signature.toCharArray()) {
            if (Character.isLetter(c)) {
                count++;
            }
        }
        return count;
    }

    /** A C string from the peer; a null one (a nullable argument) reads as the empty string. */
    static String string(MemorySegment pointer) {
        if (pointer.equals(MemorySegment.NULL)) {
            return "";
        }
        MemorySegment bytes = pointer.reinterpret(MAX_STRING);
        long length = 0;
        while (length < MAX_STRING && bytes.get(ValueLayout.JAVA_BYTE, length) != 0) {
            length++;
        }
        return new String(bytes.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

}
