package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.capture.CaptureBackend;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.CaptureSession;
import io.lumen.api.capture.FrameSink;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.session.impl.backend.BackendRegistry.Selection;
import io.lumen.session.impl.backend.Registration;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The capture of one session and its replacement. Frames go into the session's latest-frame slot. Each opened
 * capture gets its own sink tagged with a generation, so a frame that a replaced capture still delivers while
 * closing is released instead of entering the stream.
 */
final class CaptureStage {

    private final SessionContext context;
    private final LatestFrameSlot slot;
    private final Supplier<Set<PixelFormat>> wantedFormats;
    private final Runnable requestKeyframe;
    private final Set<Long> failed = new HashSet<>();
    private final LongAdder captured = new LongAdder();
    private final LongAdder paced = new LongAdder();
    private final FramePacer pacer;
    private final FrameRepeater repeater;
    private Registration<CaptureBackend> backend;
    private CaptureSession session;
    private volatile Map<String, String> openedOptions = Map.of();
    private volatile String backendId = "none";
    private volatile long generation;
    /** The generation whose frames arrive now; only the delivering thread of a generation writes it. */
    private volatile long sourceGeneration;
    private volatile long lastSequence = -1;
    private volatile PixelFormat lastFormat;

    /**
     * @param requestKeyframe asks the encoder for a keyframe: the client's picture changes source at a swap
     * @param repeater        told when a capture closes, so its last picture is not repeated after it
     */
    CaptureStage(SessionContext context, LatestFrameSlot slot, FrameRepeater repeater,
                 Supplier<Set<PixelFormat>> wantedFormats, Runnable requestKeyframe) {
        this.context = context;
        this.slot = slot;
        this.repeater = repeater;
        this.wantedFormats = wantedFormats;
        this.requestKeyframe = requestKeyframe;
        this.pacer = new FramePacer(context.request.mode());
    }

    String backendId() {
        return backendId;
    }

    long captured() {
        return captured.sum();
    }

    /**
     * The session's options the capture in use was opened with (its target among them; the session id it is also
     * told is not one of them); empty while there is none.
     */
    Map<String, String> openedOptions() {
        return openedOptions;
    }

    /** What the capture is told besides the session's options: which session it streams for. */
    private Map<String, String> withSessionId(Map<String, String> options) {
        Map<String, String> told = new HashMap<>(options);
        told.put(CaptureRequest.SESSION_ID, context.id);
        return told;
    }

    /**
     * Chooses the capture again; replaces the one in use when the choice differs, when {@code serviceGone} names
     * the service in use, when {@code reopen} is set (the encoder wants other formats), or when the configured
     * target of the capture in use changed.
     */
    synchronized boolean reselect(String reason, long serviceGone, boolean reopen) {
        boolean gone = Registration.isService(backend, serviceGone);
        Selection<CaptureBackend> selection = context.backends.selectCapture(context.request, failed);
        Registration<CaptureBackend> chosen = selection.chosen().orElse(null);
        boolean same = Registration.sameService(chosen, backend);
        boolean retarget = same && backend != null
                && !openedOptions.equals(context.backends.captureOptions(context.request, backend.id()));
        if (same && !gone && !reopen && !retarget) {
            return false;
        }
        String from = backendId;
        closeSession();
        backend = null;
        backendId = "none";
        while (chosen != null && !open(chosen)) {
            failed.add(chosen.serviceId());
            selection = context.backends.selectCapture(context.request, failed);
            chosen = selection.chosen().orElse(null);
        }
        boolean reopenedSame = same && (reopen || retarget) && backendId.equals(from);
        if (!reopenedSame) {
            String why = backend == null ? reason + "; " + selection.why() : reason;
            context.backendChanged(BackendRole.CAPTURE, from, backendId, why);
        }
        return true;
    }

    private boolean open(Registration<CaptureBackend> candidate) {
        long myGeneration = ++generation;
        FrameSink sink = new FrameSink() {
            @Override
            public void accept(Frame frame) {
                deliver(frame, myGeneration);
            }

            @Override
            public void ended(String reason) {
                captureEnded(myGeneration, candidate.serviceId(), reason);
            }
        };
        Map<String, String> options = context.backends.captureOptions(context.request, candidate.id());
        CaptureRequest request = new CaptureRequest(context.request.mode(), wantedFormats.get(), lastSequence + 1,
                withSessionId(options));
        try {
            session = candidate.service().open(request, sink);
            backend = candidate;
            backendId = candidate.id();
            openedOptions = options;
            String target = request.options().get(CaptureRequest.TARGET);
            context.info("capture " + candidate.id() + " opened: " + request.mode() + " from frame " + request.firstSequence()
                    + (target == null ? "" : ", target " + target));
            return true;
        } catch (BackendException | RuntimeException | LinkageError e) {
            context.warn("capture " + candidate.id() + " did not open: " + e.getMessage());
            return false;
        }
    }

    /**
     * A capture said it can deliver no more: it is marked failed for this session and the next choice replaces it.
     * The reselection runs on a thread of its own, because closing the capture joins the thread that told us.
     */
    private void captureEnded(long endedGeneration, long serviceId, String reason) {
        if (endedGeneration != generation) {
            return;
        }
        Thread.ofVirtual().name("lumen-capture-ended").start(() -> {
            synchronized (this) {
                if (endedGeneration != generation) {
                    return;
                }
                context.warn("capture " + backendId + " ended: " + reason);
                failed.add(serviceId);
                reselect("capture " + backendId + " ended: " + reason, serviceId, false);
            }
        });
    }

    private void deliver(Frame frame, long frameGeneration) {
        if (frameGeneration != generation) {
            frame.release();
            context.drop("frame from a replaced capture");
            return;
        }
        if (sourceGeneration != frameGeneration) {
            // a new source's first frame: the keyframe is asked before it is handed on, so no older frame can take
            // it. The client's picture changes at a swap, and the swap's stall lasts until a keyframe.
            sourceGeneration = frameGeneration;
            pacer.startAt(frame.captureNanos());
            requestKeyframe.run();
        } else if (!pacer.admit(frame.captureNanos())) {
            frame.release();
            paced.increment();
            return;
        }
        captured.increment();
        lastSequence = frame.sequence();
        lastFormat = frame.format();
        slot.put(frame);
    }

    /** The format the capture last delivered, or null before the first frame. */
    PixelFormat lastFormat() {
        return lastFormat;
    }

    Map<String, Object> stats() {
        CaptureSession current;
        synchronized (this) {
            current = session;
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        long skipped = paced.sum();
        if (skipped > 0) {
            stats.put("skipped: faster than the client's " + context.request.mode().fps() + " fps", skipped);
        }
        if (current == null) {
            return stats;
        }
        try {
            stats.putAll(current.stats());
        } catch (RuntimeException e) {
            stats.put("stats failed", e.toString());
        }
        return stats;
    }

    synchronized void close() {
        closeSession();
        backend = null;
        backendId = "none";
    }

    /** Stops the capture (its close joins its thread) and drops the frame it left waiting. */
    private void closeSession() {
        if (session != null) {
            generation++;
            context.closeBackendSession(session::close, "capture " + backendId);
            session = null;
            openedOptions = Map.of();
        }
        slot.clear();
        repeater.forget(lastSequence + 1);
    }
}
