package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.log.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Upcall stubs for libpipewire's event tables. An exception escaping an upcall aborts the JVM, so every stub is
 * wrapped here to catch everything, count it and log it once, and return zero: no callback can forget to. The
 * wrapper also marks the thread as inside a callback: libpipewire calls some events synchronously from the
 * calling thread (pw_stream_connect reports "connecting" before it returns), so "on the loop thread" alone does not
 * tell whether destroying or waiting is safe.
 */
final class Upcalls {

    private static final MethodHandle FAILED;
    private static final MethodHandle ENTER;
    private static final MethodHandle EXIT;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            FAILED = lookup.findStatic(Upcalls.class, "failed",
                    MethodType.methodType(void.class, WarnOnce.class, String.class, Throwable.class));
            ENTER = lookup.findStatic(Upcalls.class, "enter", MethodType.methodType(void.class));
            EXIT = lookup.findStatic(Upcalls.class, "exit", MethodType.methodType(void.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether the calling thread is running a PipeWire callback (on the loop thread or synchronously). */
    static boolean inCallback() {
        return DEPTH.get()[0] > 0;
    }

    private static void enter() {
        DEPTH.get()[0]++;
    }

    private static void exit() {
        DEPTH.get()[0]--;
    }

    private Upcalls() {
    }

    /**
     * A stub in {@code arena} calling {@code method} of {@code target} (found through {@code lookup}, whose
     * parameters match {@code descriptor}); failures are counted under {@code key}.
     */
    static MemorySegment stub(Arena arena, MethodHandles.Lookup lookup, Object target, String method,
                              FunctionDescriptor descriptor, WarnOnce warnings, String key) {
        MethodType type = descriptor.toMethodType();
        MethodHandle callback;
        try {
            callback = lookup.bind(target, method, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no callback " + method + type + " on " + target.getClass(), e);
        }
        callback = marked(callback, type);
        MethodHandle report = MethodHandles.insertArguments(FAILED, 0, warnings, key);
        if (type.returnType() != void.class) {
            report = MethodHandles.filterReturnValue(report, MethodHandles.zero(type.returnType()));
        }
        MethodHandle guarded = MethodHandles.catchException(callback, Throwable.class,
                MethodHandles.dropArguments(report, 1, type.parameterList()));
        return Linker.nativeLinker().upcallStub(guarded, descriptor, arena);
    }

    /** {@code callback} between enter() and a finally exit(). */
    private static MethodHandle marked(MethodHandle callback, MethodType type) {
        Class<?> result = type.returnType();
        MethodHandle cleanup = result == void.class
                ? MethodHandles.dropArguments(EXIT, 0, Throwable.class)
                : MethodHandles.dropArguments(MethodHandles.foldArguments(MethodHandles.identity(result), EXIT), 0,
                        Throwable.class);
        cleanup = MethodHandles.dropArguments(cleanup, cleanup.type().parameterCount(), type.parameterList());
        return MethodHandles.foldArguments(MethodHandles.tryFinally(callback, cleanup), ENTER);
    }

    private static void failed(WarnOnce warnings, String key, Throwable error) {
        try {
            warnings.warn(key, key + " failed in a PipeWire callback: " + error);
        } catch (Throwable ignored) {
            // the logger itself failed: nothing is left to tell, and nothing may escape
        }
    }
}
