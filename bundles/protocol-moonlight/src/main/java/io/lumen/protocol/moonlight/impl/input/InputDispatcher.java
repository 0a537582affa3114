package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.InputSink;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The host's input sinks, and the sessions that feed them. One per host: the DS component adds and removes sinks
 * as input backends come and go; each session's control stream opens a {@link SessionInput} and feeds it the
 * 0x0206 payloads.
 * <p>
 * The sinks sit in an array replaced on every change, so delivery reads one volatile field and allocates
 * nothing; sinks change rarely, events arrive up to a thousand times a second per pad.
 */
public final class InputDispatcher {

    private final System.Logger log;
    private final Object changes = new Object();
    private volatile Registered[] sinks = new Registered[0];

    public InputDispatcher(System.Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** From now on {@code sink} sees every session's events; adding it twice changes nothing. */
    public void addSink(InputSink sink) {
        Objects.requireNonNull(sink, "sink");
        synchronized (changes) {
            Registered[] now = sinks;
            if (indexOf(now, sink) < 0) {
                Registered[] next = Arrays.copyOf(now, now.length + 1);
                next[now.length] = new Registered(sink);
                sinks = next;
            }
        }
    }

    /**
     * {@code sink} sees no more events once this returns, except one already being delivered on a control thread;
     * nothing here keeps a reference to it, so its bundle's classes can go.
     */
    public void removeSink(InputSink sink) {
        synchronized (changes) {
            Registered[] now = sinks;
            int index = indexOf(now, sink);
            if (index >= 0) {
                Registered[] next = new Registered[now.length - 1];
                System.arraycopy(now, 0, next, 0, index);
                System.arraycopy(now, index + 1, next, index, now.length - index - 1);
                sinks = next;
            }
        }
    }

    public int sinkCount() {
        return sinks.length;
    }

    /** The input side of a session whose control stream just started. */
    public SessionInput openSession(String sessionId) {
        return new SessionInput(Objects.requireNonNull(sessionId, "sessionId"), this, log);
    }

    Registered[] sinks() {
        return sinks;
    }

    private static int indexOf(Registered[] registered, InputSink sink) {
        for (int i = 0; i < registered.length; i++) {
            if (registered[i].sink == sink) {
                return i;
            }
        }
        return -1;
    }

    /** A sink, and whether its first failure was logged already. */
    static final class Registered {

        final InputSink sink;
        private final AtomicBoolean warned = new AtomicBoolean();

        private Registered(InputSink sink) {
            this.sink = sink;
        }

        /** The first failure of each sink is logged with its stack; after that only counted. */
        void failed(Throwable failure, String doing, System.Logger log) {
            if (failure instanceof OutOfMemoryError oom) {
                // the heap is the whole host's: isolating one sink saves nothing once it is exhausted
                throw oom;
            }
            if (warned.compareAndSet(false, true)) {
                log.log(System.Logger.Level.WARNING, "input: sink " + sink.getClass().getName() + " failed " + doing
                        + "; its further failures are counted, not logged", failure);
            }
        }
    }
}
