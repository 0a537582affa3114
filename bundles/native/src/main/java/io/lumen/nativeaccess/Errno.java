package io.lumen.nativeaccess;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * errno as FFM captures it: a downcall made with {@link #CAPTURE} writes errno into a state segment right after
 * the call, before the JVM can clobber it. Messages come from the C library's own strerror.
 */
public final class Errno {

    /** The linker option that captures errno; pass it to {@link NativeLibrary#downcall}. */
    public static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle STRERROR = NativeLibrary.libc().downcall("strerror",
            FunctionDescriptor.of(ValueLayout.ADDRESS.withTargetLayout(java.lang.foreign.MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE)),
                    ValueLayout.JAVA_INT));

    public static final int ENOENT = 2;
    public static final int EAGAIN = 11;
    public static final int EINTR = 4;

    private Errno() {
    }

    /** A segment to pass as the first argument of a capturing downcall. */
    public static MemorySegment newState(SegmentAllocator allocator) {
        return allocator.allocate(STATE);
    }

    /** The errno a capturing downcall left in {@code state}. */
    public static int value(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** "No such file or directory (errno 2)". */
    public static String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.getString(0) + " (errno " + errno + ")";
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }
}
