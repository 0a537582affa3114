package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.encode.EncoderBackend;
import io.lumen.api.encode.EncoderConfig;
import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.session.impl.backend.BackendRegistry.Selection;
import io.lumen.session.impl.backend.Registration;

import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The encoder of one session and its replacement. One lock orders encoding against swaps: a swap waits for the
 * picture being encoded, then closes the departing encoder on the swapping thread (for a departing bundle,
 * its unbind, while the bundle still exists). The next encoder opens lazily on the next frame, at the client's size;
 * but while an encoder is open, its replacement is opened first on the swapping thread, at the size in use, as the
 * old one goes on encoding, so the stream waits only for the new encoder's first keyframe, not for its start (make
 * before break). A frame of another size goes to an encoder that {@link EncoderBackend#scalesInput() scales} as it
 * is; for one that cannot, the {@link FrameFitter} copies it to the client's size first (counted: the one copy before
 * the encoder becomes two). Decided under the lock, per frame, so a swap between the two kinds fits exactly the
 * frames that need it. Planar frames the fitter cannot scale open the encoder at their own size. A client's loss is
 * healed by the {@link LossHealer} under the same lock, right before the next picture, so the encoder it heals with
 * is the one that encodes that picture.
 */
final class EncoderStage {

    private final SessionContext context;
    private final ReentrantLock lock = new ReentrantLock();
    /** Services that failed this session; read without the lock by {@link #reselect}'s early answer. */
    private final Set<Long> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final FrameFitter fitter;
    private final LongAdder fittedInJava = new LongAdder();
    /** The capture size last reported as scaled by the encoder in use; null when none was. */
    private String scaledSize;
    /** Written under the lock; volatile so a reselect that changes nothing need not wait for the lock. */
    private volatile Registration<EncoderBackend> backend;
    private EncoderSession session;
    private VideoMode openMode;
    private volatile String backendId = "none";
    private volatile int bitrateKbps;
    private volatile boolean keyframeRequested;
    /** How long the last picture took to encode; the encode thread's (under the lock). */
    private long lastEncodeNanos;
    /** The format of the last frame encoded (under the lock); a replacement opened ahead must take it. */
    private PixelFormat lastFormat;
    private final LossHealer healer;
    /** Pictures per wave of intra refresh in every config this stage opens; 0: keyframes. */
    private final int intraRefreshFrames;
    /**
     * Counts the encoder sessions this stage put in use (under the lock): the {@link LossHealer} tells from it which
     * session made a picture.
     */
    private long generation;
    /** The session in use has encoded nothing yet, so its first picture is a keyframe anyway (under the lock). */
    private boolean freshSession;

    /** A replacement opened ahead of its swap, at the size in use. */
    private record Opened(Registration<EncoderBackend> backend, VideoMode mode, EncoderSession session) {
    }

    EncoderStage(SessionContext context, FrameFitter fitter, LossHealer healer, int intraRefreshFrames) {
        this.context = context;
        this.fitter = fitter;
        this.healer = healer;
        this.intraRefreshFrames = intraRefreshFrames;
        this.bitrateKbps = context.request.bitrateKbps();
    }

    /**
     * Which encoder session made the picture being handed on; read on the encode thread inside {@link #encode} or
     * {@link #repeat}, whose lock it holds.
     */
    long generation() {
        return generation;
    }

    /** Puts {@code opened} in use. Holds the lock. */
    private void use(EncoderSession opened) {
        session = opened;
        generation++;
        freshSession = true;
    }

    String backendId() {
        return backendId;
    }

    /** Frames copied to the client's size in Java before the encoder, because the encoder in use cannot scale. */
    long fittedInJava() {
        return fittedInJava.sum();
    }

    /** The formats the capture should deliver for the encoder in use (any packed format while there is none). */
    Set<PixelFormat> inputFormats() {
        lock.lock();
        try {
            if (backend != null) {
                Set<PixelFormat> formats = backend.service().inputFormats();
                if (!formats.isEmpty()) {
                    return formats;
                }
            }
            return Set.of(PixelFormat.BGRX, PixelFormat.RGBX, PixelFormat.BGRA, PixelFormat.RGBA);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Chooses the encoder again; replaces the one in use when the choice differs, or when {@code serviceGone}
     * names the service in use. Returns true when the encoder changed.
     */
    boolean reselect(String reason, long serviceGone) {
        // Most reselects (a backend of another kind registering, a bundle starting its components one by one) change
        // nothing; answering those without the lock keeps the registering thread from waiting out a slow encode.
        Registration<EncoderBackend> current = backend;
        if (current != null && !Registration.isService(current, serviceGone) && Registration.sameService(
                context.backends.selectEncoder(context.request, failed).chosen().orElse(null), current)) {
            return false;
        }
        Opened ahead = openReplacementAhead();
        EncoderSession replaced = null;
        String from = backendId;
        lock.lock();
        try {
            boolean gone = Registration.isService(backend, serviceGone);
            Selection<EncoderBackend> selection = context.backends.selectEncoder(context.request, failed);
            Registration<EncoderBackend> chosen = selection.chosen().orElse(null);
            if (!gone && Registration.sameService(chosen, backend)) {
                return false;
            }
            from = backend == null ? "none" : backend.id();
            if (ahead != null && Registration.sameService(ahead.backend(), chosen) && ahead.mode().equals(openMode)) {
                replaced = session; // closed once the lock is free: the next frame goes to the new encoder meanwhile
                use(ahead.session());
                ahead = null;
            } else {
                closeSession();
            }
            backend = chosen;
            scaledSize = null;
            backendId = chosen == null ? "none" : chosen.id();
            keyframeRequested = true;
            String why = chosen == null ? reason + "; " + selection.why() + skippedNote(selection) : reason;
            context.backendChanged(BackendRole.ENCODER, from, backendId, why);
            return true;
        } finally {
            lock.unlock();
            if (ahead != null) {
                context.closeBackendSession(ahead.session()::close, "encoder " + ahead.backend().id()
                        + " (opened ahead, not taken)");
            }
            if (replaced != null) {
                context.closeBackendSession(replaced::close, "encoder " + from);
            }
        }
    }

    /**
     * Opens the encoder a swap would choose, outside the lock so the one in use goes on encoding; null when no
     * encoder is open (the next frame opens one as usual), the choice stays, it does not take the frames in use, or
     * it fails to open (the swap then opens it lazily and handles the failure).
     */
    private Opened openReplacementAhead() {
        Registration<EncoderBackend> chosen;
        VideoMode mode;
        lock.lock();
        try {
            if (session == null || lastFormat == null) {
                return null;
            }
            chosen = context.backends.selectEncoder(context.request, failed).chosen().orElse(null);
            if (chosen == null || Registration.sameService(chosen, backend)
                    || !chosen.service().inputFormats().contains(lastFormat)) {
                return null;
            }
            mode = openMode;
        } finally {
            lock.unlock();
        }
        EncoderConfig config = configFor(mode);
        try {
            EncoderSession opened = chosen.service().open(config);
            context.info("encoder " + chosen.id() + " opened ahead of the swap: " + config.codec() + " " + mode + " "
                    + config.bitrateKbps() + " kbps" + refreshNote());
            return new Opened(chosen, mode, opened);
        } catch (BackendException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private EncoderConfig configFor(VideoMode mode) {
        return new EncoderConfig(context.request.codec(), mode, bitrateKbps, context.request.slices(),
                context.request.tenBit()).withIntraRefresh(intraRefreshFrames)
                .withMaxReferenceFrames(context.request.maxReferenceFrames());
    }

    private String refreshNote() {
        return intraRefreshFrames > 0 ? ", intra refresh in waves of " + intraRefreshFrames + " pictures" : "";
    }

    private static String skippedNote(Selection<?> selection) {
        return selection.skipped().isEmpty() ? "" : " (" + String.join(", ", selection.skipped()) + ")";
    }

    /** Encodes one frame on the encode thread; false when it was dropped. */
    boolean encode(Frame frame, AccessUnitSink sink) {
        lock.lock();
        Frame input = frame;
        try {
            long start = System.nanoTime();
            input = forEncoder(frame);
            if (!ensureOpen(input)) {
                return false;
            }
            if (healer.pending() && healer.heal(session, generation, intraRefreshFrames > 0,
                    keyframeRequested || freshSession, backendId) == LossHealer.How.KEYFRAME) {
                keyframeRequested = true;
            }
            if (keyframeRequested) {
                keyframeRequested = false;
                session.requestKeyframe();
            }
            try {
                lastFormat = input.format();
                session.encode(input, sink);
                freshSession = false;
                lastEncodeNanos = System.nanoTime() - start;
                return true;
            } catch (BackendException | RuntimeException | LinkageError e) {
                failed(frame, e);
                return false;
            }
        } finally {
            if (input != frame) {
                input.release();
            }
            lock.unlock();
        }
    }

    /** {@code frame} as the encoder in use takes it: as captured when it scales, else fitted in Java. Holds the lock. */
    private Frame forEncoder(Frame frame) {
        if (backend == null) {
            return frame;
        }
        if (!scales()) {
            Frame fitted = fitter.fit(frame);
            if (fitted != frame) {
                fittedInJava.increment();
            }
            return fitted;
        }
        VideoMode client = context.request.mode();
        String size = frame.width() + "x" + frame.height();
        if ((frame.width() != client.width() || frame.height() != client.height()) && !size.equals(scaledSize)) {
            scaledSize = size;
            context.info("capture delivers " + size + ": encoder " + backendId + " scales it to the client's "
                    + client.width() + "x" + client.height() + " (aspect kept, black bars) in its own conversion");
        }
        return frame;
    }

    /** Whether the encoder in use fits frames of any size itself; a backend that fails to say cannot. */
    private boolean scales() {
        try {
            return backend.service().scalesInput();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * How a picture was sent again: by the encoder's own repeat, by encoding the frame again, not at all because
     * encoding takes too long, or not at all because the encoder failed or there is none.
     */
    enum Repeated { BY_ENCODER, ENCODED_AGAIN, TOO_SLOW, DROPPED }

    /**
     * Sends {@code last}, the frame encoded last, once more, stamped {@code nowNanos}: through the encoder's own
     * repeat when it has one and no keyframe is due (a new encoder, a client that lost data), else by encoding it
     * again; but not when encoding a picture takes more than half the client's frame interval, as a new frame arriving
     * meanwhile would wait that long (a keyframe that is due is still sent).
     */
    Repeated repeat(Frame last, long nowNanos, AccessUnitSink sink) {
        lock.lock();
        try {
            if (backend == null) {
                return Repeated.DROPPED; // the frames that find no encoder are counted; an idle screen's ticks are not
            }
            // a picture that heals a loss must be encoded: the encoder's repeat would reference the lost pictures
            boolean due = keyframeRequested || healer.pending();
            if (session != null && !due) {
                try {
                    if (session.repeatLast(nowNanos, sink)) {
                        return Repeated.BY_ENCODER;
                    }
                } catch (BackendException | RuntimeException | LinkageError e) {
                    failed(last, e);
                    return Repeated.DROPPED;
                }
            }
            if (!due && lastEncodeNanos > context.request.mode().frameIntervalNanos() / 2) {
                return Repeated.TOO_SLOW;
            }
            Frame again = new Frame(last.data(), last.format(), last.width(), last.height(), last.stride(),
                    last.sequence(), nowNanos, null);
            return encode(again, sink) ? Repeated.ENCODED_AGAIN : Repeated.DROPPED;
        } finally {
            lock.unlock();
        }
    }

    /** The encoder in use failed on {@code frame}: it is marked failed for this session and replaced. Holds the lock. */
    private void failed(Frame frame, Throwable e) {
        String id = backend.id();
        failed.add(backend.serviceId());
        context.warn("encoder " + id + " failed on frame " + frame.sequence() + ": " + e);
        reselect("encoder " + id + " failed: " + e.getMessage(), backend.serviceId());
        context.drop("encoder failed");
    }

    /**
     * Opens the chosen encoder at the client's size when it scales, else at this frame's; reopens it when that
     * changed. Holds the lock.
     */
    private boolean ensureOpen(Frame frame) {
        VideoMode frameMode = backend != null && scales() ? context.request.mode()
                : new VideoMode(frame.width(), frame.height(), context.request.mode().fps());
        if (session != null && !frameMode.equals(openMode)) {
            context.info("capture size changed to " + frame.width() + "x" + frame.height() + ", reopening " + backendId);
            closeSession();
            keyframeRequested = true;
        }
        while (session == null) {
            if (backend == null) {
                context.drop("no encoder available");
                return false;
            }
            if (!backend.service().inputFormats().contains(frame.format())) {
                context.drop("encoder " + backend.id() + " does not take " + frame.format());
                return false;
            }
            EncoderConfig config = configFor(frameMode);
            try {
                use(backend.service().open(config));
                openMode = frameMode;
                context.info("encoder " + backend.id() + " opened: " + config.codec() + " " + frameMode + " "
                        + bitrateKbps + " kbps" + refreshNote());
            } catch (BackendException | RuntimeException | LinkageError e) {
                String id = backend.id();
                failed.add(backend.serviceId());
                context.warn("encoder " + id + " did not open: " + e.getMessage());
                reselect("encoder " + id + " did not open", backend.serviceId());
            }
        }
        return true;
    }

    void requestKeyframe() {
        keyframeRequested = true;
    }

    /** The client lost pictures {@code first} to {@code last}: healed before the next picture is encoded. */
    void heal(long first, long last) {
        healer.request(first, last);
    }

    void setBitrate(int kbps) {
        bitrateKbps = kbps;
        lock.lock();
        try {
            if (session != null) {
                session.setBitrate(kbps);
            }
        } catch (RuntimeException e) {
            context.warn("encoder " + backendId + " refused bitrate " + kbps + " kbps: " + e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the encoder for good (session stop). */
    void close() {
        lock.lock();
        try {
            closeSession();
            backend = null;
            backendId = "none";
        } finally {
            lock.unlock();
        }
    }

    private void closeSession() {
        if (session != null) {
            context.closeBackendSession(session::close, "encoder " + backendId);
            session = null;
            openMode = null;
        }
    }
}
