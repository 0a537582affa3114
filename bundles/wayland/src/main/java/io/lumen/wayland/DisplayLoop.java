package io.lumen.wayland;

import io.lumen.nativeaccess.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A {@code wl_display} and the one thread that uses it. Work from other threads is queued and the thread woken
 * through an eventfd; the thread blocks only in {@code poll} on the display and that eventfd, so a compositor that
 * stops answering delays nobody past their own timeout. The loss of the connection (hang-up, protocol error, a
 * malformed message) is reported once, in words, and ends the thread; nothing of it reaches the caller as a crash.
 */
@SuppressWarnings("restricted") // reading the protocol error's interface name is part of describing a loss
final class DisplayLoop {

    private static final System.Logger LOG = System.getLogger("lumen.wayland");
    private static final short POLLIN = 1;
    private static final int EFD_NONBLOCK = 0x800;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final int EPIPE = 32;
    private static final int EPROTO = 71;
    private static final int ECONNRESET = 104;
    /** The longest the thread sleeps without looking at its flags; a wake-up normally comes sooner. */
    private static final int POLL_MS = 1000;

    private record Task<T>(Callable<T> work, CompletableFuture<T> result) implements Runnable {
        @Override
        public void run() {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }
    }

    private final LibWayland lib;
    private final String display;
    private final MemorySegment handle;
    private final int wakeFd;
    private final Queue<Task<?>> tasks = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<String> lost = new CompletableFuture<>();
    private Thread thread;
    private volatile boolean closing;
    private volatile boolean finished;

    DisplayLoop(LibWayland lib, String display) throws WaylandException {
        this.lib = lib;
        this.display = display;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = Errno.newState(call);
            handle = (MemorySegment) lib.displayConnect.invokeExact(errno, call.allocateFrom(display));
            if (handle.equals(MemorySegment.NULL)) {
                throw new WaylandException("cannot connect to the Wayland display " + display + ": "
                        + Errno.describe(Errno.value(errno)));
            }
            wakeFd = (int) lib.eventfd.invokeExact(errno, 0, EFD_NONBLOCK | EFD_CLOEXEC);
        } catch (WaylandException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libwayland-client call failed", e);
        }
    }

    MemorySegment handle() {
        return handle;
    }

    /** Completes with the reason once the connection is unusable; never on {@link #close()}. */
    CompletableFuture<String> lost() {
        return lost;
    }

    /**
     * Starts the thread: {@code setup} runs on it first; {@code onLost} hears the reason of a loss (on the thread);
     * {@code onFinish} frees what the owner holds, on the thread, before the display is disconnected.
     */
    void start(Callable<?> setup, Consumer<String> onLost, Runnable onFinish) {
        thread = Thread.ofPlatform().daemon().name("lumen-wayland " + display).start(() -> {
            try {
                setup.call();
                while (!closing && dispatchOnce(onLost)) {
                    runTasks();
                }
                if (!lost.isDone()) { // after a loss, queued work fails instead: it would see a dead connection
                    runTasks();
                    int ignored = (int) lib.displayFlush.invokeExact(Errno.newState(Arena.ofAuto()), handle);
                }
            } catch (Throwable e) {
                lose("lumen's Wayland thread failed: " + e, onLost);
            } finally {
                finish(onFinish);
            }
        });
    }

    /** Runs {@code work} on the thread; fails at once if the connection is already gone. */
    <T> CompletableFuture<T> submit(Callable<T> work) {
        Task<T> task = new Task<>(work, new CompletableFuture<>());
        tasks.add(task);
        if (finished) {
            failQueued();
        } else {
            wake();
        }
        return task.result();
    }

    void close() {
        closing = true;
        wake();
        if (thread != null && Thread.currentThread() != thread) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void failQueued() {
        Task<?> task;
        while ((task = tasks.poll()) != null) {
            task.result().completeExceptionally(new WaylandException("the Wayland connection to " + display
                    + (lost.isDone() ? " was lost: " + lost.join() : " is closed")));
        }
    }

    private void wake() {
        try (Arena call = Arena.ofConfined()) {
            long ignored = (long) lib.write.invokeExact(wakeFd, call.allocateFrom(ValueLayout.JAVA_LONG, 1L), 8L);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.DEBUG, "waking the Wayland thread failed", e);
        }
    }

    private void runTasks() {
        Task<?> task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** One pass of libwayland's prepare/poll/read/dispatch cycle; false once the connection is unusable. */
    private boolean dispatchOnce(Consumer<String> onLost) throws Throwable {
        while ((int) lib.displayPrepareRead.invokeExact(handle) != 0) {
            if ((int) lib.displayDispatchPending.invokeExact(handle) < 0) {
                return lose(describeError(), onLost);
            }
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = Errno.newState(call);
            if ((int) lib.displayFlush.invokeExact(errno, handle) < 0 && Errno.value(errno) != Errno.EAGAIN) {
                lib.displayCancelRead.invokeExact(handle);
                return lose(describeError(), onLost);
            }
            MemorySegment fds = call.allocate(16, 4); // two struct pollfd {int fd; short events; short revents;}
            fds.set(ValueLayout.JAVA_INT, 0, (int) lib.displayGetFd.invokeExact(handle));
            fds.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
            fds.set(ValueLayout.JAVA_INT, 8, wakeFd);
            fds.set(ValueLayout.JAVA_SHORT, 12, POLLIN);
            int ready = (int) lib.poll.invokeExact(errno, fds, 2L, tasks.isEmpty() ? POLL_MS : 0);
            if (ready < 0) {
                lib.displayCancelRead.invokeExact(handle);
                return Errno.value(errno) == Errno.EINTR
                        || lose("poll failed: " + Errno.describe(Errno.value(errno)), onLost);
            }
            if (fds.get(ValueLayout.JAVA_SHORT, 6) != 0) {
                if ((int) lib.displayReadEvents.invokeExact(handle) < 0) {
                    return lose(describeError(), onLost);
                }
            } else {
                lib.displayCancelRead.invokeExact(handle);
            }
            if (fds.get(ValueLayout.JAVA_SHORT, 14) != 0) {
                long ignored = (long) lib.read.invokeExact(wakeFd, call.allocate(8), 8L);
            }
        }
        if ((int) lib.displayDispatchPending.invokeExact(handle) < 0) {
            return lose(describeError(), onLost);
        }
        return true;
    }

    private String describeError() throws Throwable {
        String said = WaylandLog.takeLast();
        String described = describe((int) lib.displayGetError.invokeExact(handle));
        return said == null ? described : described + "; libwayland-client: " + said;
    }

    private String describe(int error) throws Throwable {
        if (error == EPROTO) {
            try (Arena call = Arena.ofConfined()) {
                MemorySegment iface = call.allocate(ValueLayout.ADDRESS);
                MemorySegment id = call.allocate(ValueLayout.JAVA_INT);
                int code = (int) lib.displayGetProtocolError.invokeExact(handle, iface, id);
                MemorySegment table = iface.get(ValueLayout.ADDRESS, 0);
                if (table.equals(MemorySegment.NULL)) {
                    return "a malformed or unknown message from the compositor (" + Errno.describe(error) + ")";
                }
                return "the compositor raised a protocol error (code " + code + " on "
                        + Dispatcher.string(table.reinterpret(8).get(ValueLayout.ADDRESS, 0)) + "#"
                        + Integer.toUnsignedString(id.get(ValueLayout.JAVA_INT, 0)) + ")";
            }
        }
        if (error == EPIPE || error == ECONNRESET) {
            return "the compositor closed the connection (" + Errno.describe(error) + ")";
        }
        return "libwayland-client gave up on the connection (" + Errno.describe(error) + "): the compositor sent a"
                + " malformed or unexpected message, or the socket failed";
    }

    private boolean lose(String reason, Consumer<String> onLost) {
        if (lost.complete(reason)) {
            LOG.log(System.Logger.Level.WARNING, "Wayland connection to " + display + " lost: " + reason);
            onLost.accept(reason);
        }
        return false;
    }

    private void finish(Runnable onFinish) {
        finished = true;
        try {
            onFinish.run();
            lib.displayDisconnect.invokeExact(handle);
            int ignored = (int) lib.close.invokeExact(wakeFd);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "freeing the Wayland connection to " + display + " failed", e);
        }
        failQueued();
        LOG.log(System.Logger.Level.DEBUG, "Wayland connection to " + display + " closed");
    }

    /**
     * {@code wl_proxy_marshal_array_flags}: each argument is one 8-byte {@code wl_argument}; ints and fixed values
     * in its low half, pointers (strings, objects) whole, a new_id as 0 (libwayland fills it in).
     */
    MemorySegment marshal(MemorySegment proxy, int opcode, MemorySegment iface, int version, int flags, long... args)
            throws WaylandException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment array = call.allocate(8L * Math.max(1, args.length), 8);
            for (int i = 0; i < args.length; i++) {
                array.set(ValueLayout.JAVA_LONG, 8L * i, args[i]);
            }
            MemorySegment created = (MemorySegment) lib.proxyMarshalArrayFlags.invokeExact(proxy, opcode, iface,
                    version, flags, array);
            if (!iface.equals(MemorySegment.NULL) && created.equals(MemorySegment.NULL)) {
                throw new WaylandException("libwayland-client could not create the new object (out of memory, or the"
                        + " connection to " + display + " is gone)");
            }
            return created;
        } catch (WaylandException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("wl_proxy_marshal_array_flags failed", e);
        }
    }

    /** Routes {@code proxy}'s events through the {@link Dispatcher} to the connection whose key is {@code key}. */
    void addDispatcher(MemorySegment proxy, MemorySegment key) {
        try {
            int ignored = (int) lib.proxyAddDispatcher.invokeExact(proxy, Dispatcher.STUB, key, MemorySegment.NULL);
        } catch (Throwable e) {
            throw new IllegalStateException("wl_proxy_add_dispatcher failed", e);
        }
    }

    /** Frees a proxy on this side only: no request goes out. */
    void destroy(MemorySegment proxy) {
        try {
            lib.proxyDestroy.invokeExact(proxy);
        } catch (Throwable e) {
            throw new IllegalStateException("wl_proxy_destroy failed", e);
        }
    }
}
