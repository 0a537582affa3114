package io.lumen.tools.pwproducer;

import io.lumen.nativeaccess.Errno;
import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The memory of one MemFd buffer: a sealed memfd of a fixed size, mapped here for writing. The consumer maps the
 * same fd, so what is painted here is what it reads, with no copy in between. Sealed against growing and
 * shrinking, as PipeWire's own examples do: a consumer may rely on the size it mapped.
 */
final class MemFd implements AutoCloseable {

    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_SEAL_SEAL = 1;
    private static final int F_SEAL_SHRINK = 2;
    private static final int F_SEAL_GROW = 4;
    private static final int PROT_READ_WRITE = 3;
    private static final int MAP_SHARED = 1;

    private static final NativeLibrary LIBC = NativeLibrary.libc();
    private static final MethodHandle MEMFD_CREATE = LIBC.downcall("memfd_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Errno.CAPTURE);
    private static final MethodHandle FTRUNCATE = LIBC.downcall("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), Errno.CAPTURE);
    private static final MethodHandle FCNTL = LIBC.downcall("fcntl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Errno.CAPTURE);
    private static final MethodHandle MMAP = LIBC.downcall("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), Errno.CAPTURE);
    private static final MethodHandle MUNMAP = LIBC.downcall("munmap",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CLOSE = LIBC.downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final int fd;
    private final MemorySegment mapped;

    private MemFd(int fd, MemorySegment mapped) {
        this.fd = fd;
        this.mapped = mapped;
    }

    /** A memfd of {@code size} bytes called {@code name} (it shows in /proc/PID/fd), mapped read-write. */
    @SuppressWarnings("restricted") // the mapping is exactly size bytes long
    static MemFd allocate(String name, long size) {
        int fd = -1;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = Errno.newState(call);
            fd = (int) MEMFD_CREATE.invokeExact(errno, call.allocateFrom(name), MFD_CLOEXEC | MFD_ALLOW_SEALING);
            check(fd, errno, "memfd_create");
            check((int) FTRUNCATE.invokeExact(errno, fd, size), errno, "ftruncate to " + size);
            check((int) FCNTL.invokeExact(errno, fd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL), errno,
                    "sealing");
            MemorySegment at = (MemorySegment) MMAP.invokeExact(errno, MemorySegment.NULL, size, PROT_READ_WRITE,
                    MAP_SHARED, fd, 0L);
            if (at.address() == -1L) {
                throw new IllegalStateException("mmap of a " + size + "-byte memfd failed: "
                        + Errno.describe(Errno.value(errno)));
            }
            return new MemFd(fd, at.reinterpret(size));
        } catch (RuntimeException e) {
            closeFd(fd);
            throw e;
        } catch (Throwable e) {
            closeFd(fd);
            throw new IllegalStateException("allocating a memfd failed: " + e, e);
        }
    }

    private static void check(int result, MemorySegment errno, String what) {
        if (result < 0) {
            throw new IllegalStateException(what + " failed: " + Errno.describe(Errno.value(errno)));
        }
    }

    int fd() {
        return fd;
    }

    MemorySegment mapped() {
        return mapped;
    }

    @Override
    public void close() {
        try {
            int ignored = (int) MUNMAP.invokeExact(mapped, mapped.byteSize());
        } catch (Throwable e) {
            throw new IllegalStateException("munmap failed: " + e, e);
        }
        closeFd(fd);
    }

    private static void closeFd(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException("close failed: " + e, e);
        }
    }
}
