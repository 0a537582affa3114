package io.lumen.testkit.input;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An input backend that writes what it injects into a shared journal, tagged with its id ("a: KeyChange[...]"), so
 * a test sees which backend injected what, in which order, and when each session opened and closed.
 */
public final class RecordingInput implements InputBackend {

    private final String id;
    private final Set<InputKind> kinds;
    private final List<String> journal;
    private volatile boolean failNext;
    private volatile String dropNext;
    private volatile String refuseOpen;
    private volatile InputFeedback lastFeedback;
    private volatile InputRequest lastRequest;

    /** Writes into {@code journal}, which several backends may share (guarded by its own monitor). */
    public RecordingInput(String id, Set<InputKind> kinds, List<String> journal) {
        this.id = id;
        this.kinds = Set.copyOf(kinds);
        this.journal = journal;
    }

    /** The next event fails with a BackendException, as a device that went away. */
    public void failNext() {
        failNext = true;
    }

    /** The next event is taken but not injected, counted in its session's {@code dropped()} under {@code reason}. */
    public void dropNext(String reason) {
        dropNext = reason;
    }

    /** Every open from now on fails with a BackendException giving {@code reason}, as a backend for other desktops. */
    public void refuseOpen(String reason) {
        refuseOpen = reason;
    }

    /** Where the last session opened sends its pads' feedback. */
    public InputFeedback lastFeedback() {
        return lastFeedback;
    }

    public InputRequest lastRequest() {
        return lastRequest;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Probe probe() {
        return Probe.ok();
    }

    @Override
    public Set<InputKind> kinds() {
        return kinds;
    }

    @Override
    public InputSession open(InputRequest request, InputFeedback feedback) throws BackendException {
        if (refuseOpen != null) {
            record("refused " + request.sessionId());
            throw new BackendException(refuseOpen);
        }
        lastRequest = request;
        lastFeedback = feedback;
        record("open " + request.sessionId());
        return new InputSession() {
            private final Map<String, Long> dropped = new TreeMap<>();
            private boolean closed;

            @Override
            public void accept(InputEvent event) throws BackendException {
                if (closed) {
                    throw new IllegalStateException(id + " got an event after close");
                }
                if (failNext) {
                    failNext = false;
                    throw new BackendException("device gone");
                }
                String drop = dropNext;
                if (drop != null) {
                    dropNext = null;
                    synchronized (dropped) {
                        dropped.merge(drop, 1L, Long::sum);
                    }
                    return;
                }
                record(event.toString());
            }

            @Override
            public Map<String, Long> dropped() {
                synchronized (dropped) {
                    return Map.copyOf(dropped);
                }
            }

            @Override
            public void close() {
                closed = true;
                record("close");
            }
        };
    }

    private void record(String entry) {
        synchronized (journal) {
            journal.add(id + ": " + entry);
        }
    }

    /** The entries of {@code backendId}, without its prefix. */
    public static List<String> of(List<String> journal, String backendId) {
        List<String> out = new ArrayList<>();
        synchronized (journal) {
            for (String entry : journal) {
                if (entry.startsWith(backendId + ": ")) {
                    out.add(entry.substring(backendId.length() + 2));
                }
            }
        }
        return out;
    }
}
