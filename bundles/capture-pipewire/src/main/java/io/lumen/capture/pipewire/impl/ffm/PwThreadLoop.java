package io.lumen.capture.pipewire.impl.ffm;

import io.lumen.nativeaccess.Errno;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A {@code pw_thread_loop}: the thread every libpipewire callback of one connection runs on, with the lock that
 * guards every object of that connection.
 *
 * <p>Locking rules: callbacks run on the loop thread, which already holds the (recursive) lock; any other thread
 * must call into libpipewire between {@link #lock()} and {@code close()} of what it returns. The wrappers of this
 * package apply the rule themselves ({@link #locked}); operations that wait for the loop, or destroy what the loop
 * may be calling into, refuse to run on the loop thread ({@link #requireOutsideLoop}), where they would deadlock
 * or free memory under a running callback.
 */
public final class PwThreadLoop {

    /** The held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final PipeWire pw;
    private final MemorySegment loop;
    private boolean started;

    private PwThreadLoop(PipeWire pw, MemorySegment loop) {
        this.pw = pw;
        this.loop = loop;
    }

    /** Creates (does not start) a loop whose thread is called {@code name}. */
    static PwThreadLoop create(PipeWire pw, String name) throws PipeWireException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errno = Errno.newState(call);
            MemorySegment loop = (MemorySegment) pw.threadLoopNew.invokeExact(errno, call.allocateFrom(name),
                    MemorySegment.NULL);
            if (loop.address() == 0) {
                throw new PipeWireException("pw_thread_loop_new failed: " + Errno.describe(Errno.value(errno)));
            }
            return new PwThreadLoop(pw, loop);
        } catch (PipeWireException e) {
            throw e;
        } catch (Throwable e) {
            throw new PipeWireException("pw_thread_loop_new failed: " + e);
        }
    }

    MemorySegment handle() {
        return loop;
    }

    /** The {@code pw_loop} contexts are created on. */
    MemorySegment loop() {
        try {
            return (MemorySegment) pw.threadLoopGetLoop.invokeExact(loop);
        } catch (Throwable e) {
            throw new IllegalStateException("pw_thread_loop_get_loop failed", e);
        }
    }

    void start() throws PipeWireException {
        try {
            int result = (int) pw.threadLoopStart.invokeExact(loop);
            if (result < 0) {
                throw new PipeWireException("pw_thread_loop_start failed: " + Errno.describe(-result));
            }
            started = true;
        } catch (PipeWireException e) {
            throw e;
        } catch (Throwable e) {
            throw new PipeWireException("pw_thread_loop_start failed: " + e);
        }
    }

    /** Takes the loop lock (recursive); from a callback it is already held and taking it again is harmless. */
    public Held lock() {
        call(pw.threadLoopLock);
        return () -> call(pw.threadLoopUnlock);
    }

    /** Whether the calling thread is the loop's own thread (a callback). */
    public boolean inLoopThread() {
        try {
            return (boolean) pw.threadLoopInThread.invokeExact(loop);
        } catch (Throwable e) {
            throw new IllegalStateException("pw_thread_loop_in_thread failed", e);
        }
    }

    /** Runs {@code action} holding the lock: directly on the loop thread, between lock and unlock elsewhere. */
    <T> T locked(LockedAction<T> action) throws PipeWireException {
        if (inLoopThread()) {
            return action.run();
        }
        try (Held held = lock()) {
            return action.run();
        }
    }

    /** What runs under the loop lock. */
    @FunctionalInterface
    interface LockedAction<T> {
        T run() throws PipeWireException;
    }

    /**
     * Refuses {@code what} inside a callback or on the loop thread, where waiting deadlocks and destroying frees
     * memory a running caller still uses.
     */
    void requireOutsideLoop(String what) {
        if (Upcalls.inCallback() || (started && inLoopThread())) {
            throw new IllegalStateException(what + " cannot run inside a PipeWire callback");
        }
    }

    /** Stops the thread (waits for it) and frees the loop; call after every object on it is destroyed. */
    void destroy() {
        stop();
        call(pw.threadLoopDestroy);
    }

    /** Stops the thread without freeing the loop, so objects on it can be destroyed with no callback running. */
    void stop() {
        requireOutsideLoop("stopping the loop");
        if (started) {
            call(pw.threadLoopStop);
            started = false;
        }
    }

    private void call(java.lang.invoke.MethodHandle voidOfLoop) {
        try {
            voidOfLoop.invokeExact(loop);
        } catch (Throwable e) {
            throw new IllegalStateException("pw_thread_loop call failed", e);
        }
    }
}
