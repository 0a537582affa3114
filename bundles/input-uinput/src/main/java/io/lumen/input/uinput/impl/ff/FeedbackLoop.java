package io.lumen.input.uinput.impl.ff;

import io.lumen.input.uinput.impl.kernel.Libc;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One thread per session that waits on every pad's fd (uinput or uhid) and the rumble timers, and answers what it
 * reads.
 * Pads come and go from the session's thread: both sides hold {@link #lock} while touching the pads, so a pad is
 * never read after it was removed, even when its fd number was reused meanwhile; an eventfd wakes the poll when
 * the set changed.
 */
public final class FeedbackLoop implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");
    private static final long POLLFD_BYTES = 8;
    private static final long JOIN_MILLIS = 2000;

    private final Object lock = new Object();
    private final List<FeedbackSource> pads = new ArrayList<>();
    private final LongSupplier clockMillis;
    private final int wakeFd;
    private final Thread thread;
    private volatile boolean running = true;

    private FeedbackLoop(String name, LongSupplier clockMillis, int wakeFd) {
        this.clockMillis = clockMillis;
        this.wakeFd = wakeFd;
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    /** Starts the loop's thread. */
    public static FeedbackLoop start(String name, LongSupplier clockMillis) throws IOException {
        Libc.Result eventfd = Libc.eventfd(Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC);
        if (eventfd.failed()) {
            throw new IOException("eventfd failed: " + eventfd.error());
        }
        FeedbackLoop loop = new FeedbackLoop(name, clockMillis, eventfd.asInt());
        loop.thread.start();
        return loop;
    }

    public void add(FeedbackSource pad) {
        synchronized (lock) {
            pads.add(pad);
        }
        wake();
    }

    /** After this returns the loop no longer touches the pad; its rumble is stopped (the client told so). */
    public void remove(FeedbackSource pad) {
        synchronized (lock) {
            if (pads.remove(pad)) {
                pad.stop();
            }
        }
        wake();
    }

    private void wake() {
        try (Arena call = Arena.ofConfined()) {
            Libc.write(wakeFd, call.allocateFrom(ValueLayout.JAVA_LONG, 1L), 8);
        }
    }

    private void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment counter = arena.allocate(ValueLayout.JAVA_LONG);
            while (running) {
                round(counter);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "rumble stopped: " + e, e);
        }
    }

    /** One wait and what it found; the pollfd array lives only for this round. */
    private void round(MemorySegment counter) {
        try (Arena arena = Arena.ofConfined()) {
            List<FeedbackSource> polled;
            long deadline = Long.MAX_VALUE;
            long now = clockMillis.getAsLong();
            synchronized (lock) {
                polled = List.copyOf(pads);
                for (FeedbackSource pad : polled) {
                    deadline = Math.min(deadline, pad.nextDeadline(now));
                }
            }
            MemorySegment pollfds = arena.allocate(POLLFD_BYTES * (polled.size() + 1), 8);
            pollfd(pollfds, 0, wakeFd);
            for (int i = 0; i < polled.size(); i++) {
                pollfd(pollfds, i + 1, polled.get(i).pollDescriptor());
            }
            int timeout = deadline == Long.MAX_VALUE ? -1 : (int) Math.clamp(deadline - now, 0, Integer.MAX_VALUE);
            Libc.Result ready = Libc.poll(pollfds, polled.size() + 1, timeout);
            if (ready.failed() && ready.errno() != Libc.EINTR) {
                LOG.log(System.Logger.Level.WARNING, "rumble stopped: poll failed: " + ready.error());
                running = false;
                return;
            }
            if (readable(pollfds, 0)) {
                Libc.read(wakeFd, counter, 8);
            }
            now = clockMillis.getAsLong();
            synchronized (lock) {
                for (int i = 0; i < polled.size(); i++) {
                    FeedbackSource pad = polled.get(i);
                    if (readable(pollfds, i + 1) && pads.contains(pad)) {
                        serve(pad, now);
                    }
                }
                for (FeedbackSource pad : pads) {
                    pad.advance(now);
                }
            }
        }
    }

    private void serve(FeedbackSource pad, long now) {
        try {
            pad.drain(now);
        } catch (IOException e) {
            // one pad's failure (unplugged under us) must not silence the others
            pads.remove(pad);
            pad.stop();
            LOG.log(System.Logger.Level.WARNING, "feedback of a pad stopped: " + e.getMessage());
        }
    }

    private static void pollfd(MemorySegment pollfds, int index, int fd) {
        pollfds.set(ValueLayout.JAVA_INT, index * POLLFD_BYTES, fd);
        pollfds.set(ValueLayout.JAVA_SHORT, index * POLLFD_BYTES + 4, Libc.POLLIN);
        pollfds.set(ValueLayout.JAVA_SHORT, index * POLLFD_BYTES + 6, (short) 0);
    }

    private static boolean readable(MemorySegment pollfds, int index) {
        return pollfds.get(ValueLayout.JAVA_SHORT, index * POLLFD_BYTES + 6) != 0;
    }

    /** Stops the thread (every pad's rumble stops with it) and frees the eventfd. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            for (FeedbackSource pad : pads) {
                pad.stop();
            }
            pads.clear();
        }
        if (!thread.isAlive()) {
            Libc.close(wakeFd);
        }
    }
}
