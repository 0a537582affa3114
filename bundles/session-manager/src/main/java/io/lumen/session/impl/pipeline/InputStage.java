package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.PadFeedback;
import io.lumen.api.session.InputStats;
import io.lumen.log.WarnOnce;
import io.lumen.session.impl.backend.BackendRegistry.Selection;
import io.lumen.session.impl.backend.Registration;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The input backend of one session, the one that injects all of its events, and its replacement. One lock orders
 * events against swaps: an event goes to the backend that was open when it arrived, none is lost or injected
 * twice. A backend that goes first lets go of what the client holds; the one that takes over gets the pads and the
 * held keys and buttons again, so a key held across a swap stays down on the host.
 */
final class InputStage {

    private static final InputKind[] KINDS = InputKind.values();

    private final SessionContext context;
    private final InputRequest request;
    private final InputFeedback feedback;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Long> failed = new HashSet<>();
    private final HeldInput held;
    private final AtomicLongArray injected = new AtomicLongArray(KINDS.length);
    private final WarnOnce drops;
    private final LatencyWindow latency = new LatencyWindow(4_096);
    private final Map<String, LongAdder> feedbackSent = new ConcurrentHashMap<>();
    private Registration<InputBackend> backend;
    private Set<InputKind> kinds = Set.of();
    private InputSession session;
    /** Counts the sessions opened: feedback of one that was closed is not the client's business any more. */
    private volatile long generation;
    private boolean closed;
    private volatile String backendId = "none";

    InputStage(SessionContext context, InputRequest request, InputFeedback feedback) {
        this.context = context;
        this.request = request;
        this.feedback = feedback;
        this.held = new HeldInput(context.id);
        this.drops = new WarnOnce(context.log);
    }

    String backendId() {
        return backendId;
    }

    /** Chooses the backend again and, when the choice differs (or the one in use is {@code serviceGone}), swaps. */
    void reselect(String reason, long serviceGone) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            boolean gone = Registration.isService(backend, serviceGone);
            Selection<InputBackend> selection = context.backends.selectInput(failed);
            Registration<InputBackend> chosen = selection.chosen().orElse(null);
            boolean same = Registration.sameService(chosen, backend);
            if (!gone && same) {
                return;
            }
            String from = backendId;
            closeSession(true);
            backend = chosen;
            backendId = chosen == null ? "none" : chosen.id();
            context.backendChanged(BackendRole.INPUT, from, backendId,
                    chosen == null ? reason + "; " + selection.why() + "; input is counted, not injected" : reason);
            if (chosen != null) {
                open();
            }
            if (context.started) {
                context.swaps.inputSwapped(System.nanoTime());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Opens the chosen backend and hands it what the client has; a backend that fails to open is passed over. */
    private void open() {
        Registration<InputBackend> opening = backend;
        try {
            kinds = Set.copyOf(opening.service().kinds());
            generation++;
            session = opening.service().open(request, new SessionFeedback(generation));
            context.info("input " + backendId + " opened (" + kinds.size() + " kinds of event)");
        } catch (BackendException | RuntimeException | LinkageError e) {
            failed.add(opening.serviceId());
            session = null;
            context.warn("input " + backendId + " did not open: " + e.getMessage());
            reselect("input " + backendId + " did not open", opening.serviceId());
            return;
        }
        for (InputEvent event : held.replay()) {
            deliver(event, InputKind.of(event), -1);
        }
    }

    /** One event of the client: injected by the session's backend, or counted as dropped with the reason. */
    void inject(InputEvent event, long arrivalNanos) {
        InputKind kind = InputKind.of(event);
        lock.lock();
        try {
            if (closed) {
                drop("session stopped");
                return;
            }
            held.track(event);
            deliver(event, kind, arrivalNanos);
        } finally {
            lock.unlock();
        }
    }

    /** Hands one event to the open backend; {@code arrivalNanos} -1 for replays, which are not counted. */
    private void deliver(InputEvent event, InputKind kind, long arrivalNanos) {
        if (session == null) {
            drop("no input backend");
            return;
        }
        if (!kinds.contains(kind)) {
            if (kind != InputKind.HAPTICS) { // every client asks once; a backend without pads has nothing to do
                drop(backendId + " has no " + kind.label());
            }
            return;
        }
        try {
            session.accept(event);
        } catch (BackendException | RuntimeException | LinkageError e) {
            String id = backendId;
            drop(id + " failed");
            failed.add(backend.serviceId());
            context.warn("input " + id + " failed on a " + kind.label() + " event: " + e);
            reselect("input " + id + " failed: " + e.getMessage(), backend.serviceId());
            return;
        }
        if (arrivalNanos >= 0) {
            latency.record(System.nanoTime() - arrivalNanos);
            injected.incrementAndGet(kind.ordinal());
        }
    }

    private void drop(String reason) {
        drops.warn(reason, "session " + context.id + ": input not injected: " + reason + " (see lumen:session "
                + context.id + ")");
    }

    /** Lets go of what the client holds through the backend, then closes it; with {@code release} false, only closes. */
    private void closeSession(boolean release) {
        if (session == null) {
            return;
        }
        if (release) {
            for (InputEvent event : held.releases()) {
                InputKind kind = InputKind.of(event);
                if (kinds.contains(kind)) {
                    try {
                        session.accept(event);
                    } catch (BackendException | RuntimeException | LinkageError e) {
                        break; // its close() lets go of the rest
                    }
                }
            }
        }
        InputSession closing = session;
        session = null;
        generation++;
        context.closeBackendSession(closing::close, "input " + backendId);
    }

    /** The session ended: the client's keys and buttons come up, the backend's devices go. */
    void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closeSession(true);
            held.clear();
            closed = true;
            backend = null;
            backendId = "none";
        } finally {
            lock.unlock();
        }
    }

    InputStats stats() {
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (InputKind kind : KINDS) {
            long count = injected.get(kind.ordinal());
            if (count > 0) {
                byKind.put(kind.label(), count);
            }
        }
        Map<String, Long> sent = new LinkedHashMap<>();
        feedbackSent.forEach((kind, count) -> sent.put(kind, count.sum()));
        List<String> holding;
        Map<String, Long> dropped = new LinkedHashMap<>(drops.counts());
        lock.lock();
        try {
            holding = held.describe();
            if (session != null) {
                // what the backend took but could not inject, named by the backend so the reasons stay apart
                backendDrops(session).forEach((reason, count) -> dropped.merge(backendId + ": " + reason, count,
                        Long::sum));
            }
        } finally {
            lock.unlock();
        }
        return new InputStats(backendId, byKind, dropped, latency.quantile(0.5), latency.quantile(0.99), sent,
                holding);
    }

    private Map<String, Long> backendDrops(InputSession open) {
        try {
            return open.dropped();
        } catch (RuntimeException | LinkageError e) {
            return Map.of(); // diagnostics never fail for a backend's counters
        }
    }

    /** Counts what one opened backend sends back and forwards it while that backend is the session's. */
    private final class SessionFeedback implements InputFeedback {

        private final long opened;

        SessionFeedback(long opened) {
            this.opened = opened;
        }

        @Override
        public void send(PadFeedback padFeedback) {
            if (opened != generation) {
                return; // a closed backend's reader still running: its pads are gone
            }
            String kind = switch (padFeedback) {
                case PadFeedback.Rumble r -> "rumble";
                case PadFeedback.TriggerRumble r -> "trigger rumble";
                case PadFeedback.Led l -> "led";
                case PadFeedback.MotionReports m -> "motion reports";
                case PadFeedback.AdaptiveTriggers a -> "adaptive triggers";
            };
            feedbackSent.computeIfAbsent(kind, k -> new LongAdder()).increment();
            try {
                feedback.send(padFeedback);
            } catch (RuntimeException e) {
                drops.warn("feedback failed", "session " + context.id + ": pad feedback could not be sent: " + e);
            }
        }
    }
}
