package io.lumen.input.uinput.impl.kernel;

import io.lumen.nativeaccess.Errno;
import io.lumen.nativeaccess.NativeLibrary;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C library calls a uinput device needs, each capturing errno. Every call returns the C result; a negative
 * one comes with the errno in {@link Result}.
 */
public final class Libc {

    public static final int O_RDWR = 02;
    public static final int O_NONBLOCK = 04000;
    public static final int O_CLOEXEC = 02000000;
    public static final int EFD_NONBLOCK = O_NONBLOCK;
    public static final int EFD_CLOEXEC = O_CLOEXEC;
    public static final short POLLIN = 0x001;
    public static final int EAGAIN = Errno.EAGAIN;
    public static final int EINTR = Errno.EINTR;

    private static final NativeLibrary LIBC = NativeLibrary.libc();

    /** open(path, flags): no mode, so the variadic part is empty and the fixed prototype is exact. */
    private static final MethodHandle OPEN = LIBC.downcall("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Errno.CAPTURE);
    /**
     * ioctl(fd, request, ...): the argument after the request is variadic, which the ABIs may pass unlike a fixed
     * one (x86-64 wants the vector-register count in %al, Apple AArch64 uses the stack), so the linker is told
     * where the variadic part starts. One handle per argument type uinput takes: an int, or a pointer.
     */
    private static final MethodHandle IOCTL_INT = LIBC.downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT), Errno.CAPTURE,
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL_POINTER = LIBC.downcall("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Errno.CAPTURE,
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle WRITE = LIBC.downcall("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Errno.CAPTURE);
    private static final MethodHandle READ = LIBC.downcall("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Errno.CAPTURE);
    private static final MethodHandle CLOSE = LIBC.downcall("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT), Errno.CAPTURE);
    private static final MethodHandle POLL = LIBC.downcall("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), Errno.CAPTURE);
    private static final MethodHandle EVENTFD = LIBC.downcall("eventfd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), Errno.CAPTURE);
    private static final MethodHandle PIPE2 = LIBC.downcall("pipe2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Errno.CAPTURE);

    private Libc() {
    }

    /** A C call's return value and the errno it left (meaningful only when the value is negative). */
    public record Result(long value, int errno) {

        public boolean failed() {
            return value < 0;
        }

        public int asInt() {
            return (int) value;
        }

        /** "No such file or directory (errno 2)". */
        public String error() {
            return Errno.describe(errno);
        }
    }

    public static Result open(String path, int flags) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(call);
            int fd = (int) OPEN.invokeExact(state, call.allocateFrom(path), flags);
            return new Result(fd, Errno.value(state));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    public static Result ioctl(int fd, long request, int argument) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(call);
            int result = (int) IOCTL_INT.invokeExact(state, fd, request, argument);
            return new Result(result, Errno.value(state));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    public static Result ioctl(int fd, long request, MemorySegment argument) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(call);
            int result = (int) IOCTL_POINTER.invokeExact(state, fd, request, argument);
            return new Result(result, Errno.value(state));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    public static Result write(int fd, MemorySegment bytes, long length) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(call);
            long written = (long) WRITE.invokeExact(state, fd, bytes, length);
            return new Result(written, Errno.value(state));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    public static Result read(int fd, MemorySegment into, long length) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(call);
            long read = (long) READ.invokeExact(state, fd, into, length);
            return new Result(read, Errno.value(state));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    public static Result close(int fd) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(call);
            int result = (int) CLOSE.invokeExact(state, fd);
            return new Result(result, Errno.value(state));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** poll over an array of struct pollfd (int fd, short events, short revents: 8 bytes each). */
    public static Result poll(MemorySegment pollfds, int count, int timeoutMillis) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(call);
            int ready = (int) POLL.invokeExact(state, pollfds, (long) count, timeoutMillis);
            return new Result(ready, Errno.value(state));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    public static Result eventfd(int flags) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(call);
            int fd = (int) EVENTFD.invokeExact(state, 0, flags);
            return new Result(fd, Errno.value(state));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** pipe2(fds, flags) into {@code fds} (two ints: read end, write end). */
    public static Result pipe(MemorySegment fds, int flags) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Errno.newState(call);
            int result = (int) PIPE2.invokeExact(state, fds, flags);
            return new Result(result, Errno.value(state));
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("native call failed", e);
    }
}
