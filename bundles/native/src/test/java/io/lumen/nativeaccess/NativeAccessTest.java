package io.lumen.nativeaccess;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import static org.junit.jupiter.api.Assertions.*;

/** Against the real C library of this machine. */
class NativeAccessTest {

    @Test
    void aPresentLibraryLoadsAndAMissingOneSaysWhy() {
        try (Arena arena = Arena.ofConfined()) {
            NativeLibrary missing = NativeLibrary.load(arena, "liblumen-does-not-exist.so.1");
            assertFalse(missing.isAvailable());
            assertEquals("liblumen-does-not-exist.so.1 not found", missing.unavailableReason().orElseThrow());
            UnsatisfiedLinkError error = assertThrows(UnsatisfiedLinkError.class, () -> missing.symbol("anything"));
            assertEquals("liblumen-does-not-exist.so.1 not found", error.getMessage());

            NativeLibrary libm = NativeLibrary.load(arena, "liblumen-nope.so", "libm.so.6");
            assertTrue(libm.isAvailable(), "falls through to the next name");
            assertEquals("libm.so.6", libm.name());
            assertTrue(libm.hasSymbol("cos"));
            UnsatisfiedLinkError noSymbol = assertThrows(UnsatisfiedLinkError.class, () -> libm.symbol("lumen_nothing"));
            assertTrue(noSymbol.getMessage().contains("lumen_nothing"));
        }
    }

    @Test
    void aDowncallWorks() throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle cos = NativeLibrary.load(arena, "libm.so.6").downcall("cos",
                    FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE));
            assertEquals(1.0, (double) cos.invokeExact(0.0), 1e-12);
        }
    }

    @Test
    void errnoOfAFailingCallIsCapturedAndDescribed() throws Throwable {
        MethodHandle open = NativeLibrary.libc().downcall("open",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), Errno.CAPTURE);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(arena);
            int fd = (int) open.invokeExact(state, arena.allocateFrom("/nonexistent/lumen/path"), 0);
            assertEquals(-1, fd);
            assertEquals(Errno.ENOENT, Errno.value(state));
            assertEquals("No such file or directory (errno 2)", Errno.describe(Errno.value(state)));
        }
    }
}
