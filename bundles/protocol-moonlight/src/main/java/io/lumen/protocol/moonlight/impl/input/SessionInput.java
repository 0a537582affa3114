package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.InputEvent;
import io.lumen.protocol.moonlight.impl.input.InputRejectedException.Reason;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One session's input: decodes what its client sends, counts it, and hands each event to every sink of the
 * {@link InputDispatcher}. Fed by the session's control thread, which also closes it when the stream stops.
 * <p>
 * Nothing a client sends and nothing a sink throws escapes {@link #receive}: a bad packet is counted and the
 * first of each reason logged; a failing sink is logged once, counted, and the next sink still gets the event.
 */
public final class SessionInput implements AutoCloseable {

    private final String sessionId;
    private final InputDispatcher dispatcher;
    private final System.Logger log;
    private final InputStats stats = new InputStats();
    /** One bit per {@link InputKind}: logged as arriving while no sink was installed. */
    private final AtomicInteger kindsLoggedUnsunk = new AtomicInteger();
    /** One bit per {@link Reason}: logged once for this session. */
    private final AtomicInteger reasonsLogged = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    SessionInput(String sessionId, InputDispatcher dispatcher, System.Logger log) {
        this.sessionId = sessionId;
        this.dispatcher = dispatcher;
        this.log = log;
    }

    public String sessionId() {
        return sessionId;
    }

    public InputStats stats() {
        return stats;
    }

    /**
     * The payload of one control message 0x0206 in {@code message[offset, offset + length)}: decoded, counted and
     * handed to the sinks. Ignored after {@link #close()}.
     *
     * @return whether it decoded into an event
     * @throws IndexOutOfBoundsException offset and length outside the array (the caller's bug)
     */
    public boolean receive(byte[] message, int offset, int length) {
        if (closed.get()) {
            return false;
        }
        InputEvent event;
        try {
            event = InputDecoder.decode(sessionId, message, offset, length);
        } catch (InputRejectedException rejected) {
            stats.rejected(rejected.reason());
            if (firstTime(reasonsLogged, rejected.reason().ordinal())) {
                log.log(System.Logger.Level.INFO, "input: rejected a packet from session " + sessionId + " ("
                        + rejected.getMessage() + "); further " + rejected.reason().label()
                        + " packets are counted, not logged");
            }
            return false;
        }
        InputKind kind = InputKind.of(event);
        stats.decoded(kind);
        InputDispatcher.Registered[] sinks = dispatcher.sinks();
        if (sinks.length == 0) {
            if (firstTime(kindsLoggedUnsunk, kind.ordinal())) {
                log.log(System.Logger.Level.INFO, "input: first " + kind.label() + " event from session " + sessionId
                        + " (no input backend installed; events are counted, not injected)");
            }
            return true;
        }
        for (InputDispatcher.Registered sink : sinks) {
            try {
                sink.sink.accept(event);
            } catch (Throwable failure) {
                stats.sinkFailed();
                sink.failed(failure, "on a " + kind.label() + " event from session " + sessionId, log);
            }
        }
        return true;
    }

    /** Tells every sink the session ended, so they let go of its keys and pads; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (InputDispatcher.Registered sink : dispatcher.sinks()) {
            try {
                sink.sink.sessionEnded(sessionId);
            } catch (Throwable failure) {
                stats.sinkFailed();
                sink.failed(failure, "ending session " + sessionId, log);
            }
        }
        log.log(System.Logger.Level.DEBUG, "input: session " + sessionId + " ended: " + stats);
    }

    /** Sets {@code bit}; true for the caller that set it. */
    private static boolean firstTime(AtomicInteger bits, int bit) {
        int mask = 1 << bit;
        int seen = bits.get();
        while ((seen & mask) == 0) {
            if (bits.compareAndSet(seen, seen | mask)) {
                return true;
            }
            seen = bits.get();
        }
        return false;
    }
}
