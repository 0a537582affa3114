package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.nativeaccess.WarnOnce;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Upcall stubs for libpipewire's event tables. An exception escaping an upcall aborts the JVM, so every stub is
 * wrapped here to catch everything, count it and log it once, and return zero: no callback can forget to.
 */
final class Upcalls {

    private static final MethodHandle FAILED;

    static {
        try {
            FAILED = MethodHandles.lookup().findStatic(Upcalls.class, "failed",
                    MethodType.methodType(void.class, WarnOnce.class, String.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
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
        MethodHandle report = MethodHandles.insertArguments(FAILED, 0, warnings, key);
        if (type.returnType() != void.class) {
            report = MethodHandles.filterReturnValue(report, MethodHandles.zero(type.returnType()));
        }
        MethodHandle guarded = MethodHandles.catchException(callback, Throwable.class,
                MethodHandles.dropArguments(report, 1, type.parameterList()));
        return Linker.nativeLinker().upcallStub(guarded, descriptor, arena);
    }

    private static void failed(WarnOnce warnings, String key, Throwable error) {
        try {
            warnings.warn(key, key + " failed in a PipeWire callback: " + error);
        } catch (Throwable ignored) {
            // the logger itself failed: nothing is left to tell, and nothing may escape
        }
    }
}
