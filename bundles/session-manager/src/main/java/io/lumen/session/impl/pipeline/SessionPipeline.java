package io.lumen.session.impl.pipeline;

import io.lumen.api.audio.AudioPacketSink;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.input.InputEvent;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.InputRequest;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.session.SessionStats;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.StreamSession;
import io.lumen.api.session.SwapEvent;
import io.lumen.session.impl.backend.Backends;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One session's pipeline: capture thread (the backend's) → latest-frame slot → encode thread (ours) → sink, and
 * beside it the session's {@link AudioPipeline}. The session outlives its backends: stages swap them underneath while the encode thread, the frame numbering
 * and the sink stay.
 */
public final class SessionPipeline implements StreamSession {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The capture statistic counting frames copied in Java before the encoder (0 while every encoder scales). */
    static final String FITTED_IN_JAVA = "copied before the encoder (fitted to the client's size in Java)";

    private final SessionContext context;
    private final AccessUnitSink sink;
    private final Consumer<SessionPipeline> onStop;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final LatestFrameSlot slot = new LatestFrameSlot();
    private final EncoderStage encoder;
    private final LossHealer healer;
    private final CaptureStage capture;
    private final RateMeter rate = new RateMeter(startNanos);
    private final LongAdder encoded = new LongAdder();
    private final LongAdder keyframes = new LongAdder();
    private final FrameRepeater repeater;
    private final LongAdder repeatsByEncoder = new LongAdder();
    private final LongAdder repeatsEncoded = new LongAdder();
    private final LongAdder repeatsTooSlow = new LongAdder();
    private boolean repeatLogged;
    /** Set on the encode thread while a repeat is sent: its picture was captured before, whatever its stamp says. */
    private boolean sendingRepeat;
    private final LongAdder bytesSent = new LongAdder();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread encodeThread;
    private long nextFrameNumber;
    private final FrameFitter fitter;
    private boolean sinkFailureLogged;
    /** Set on the encode thread once the sink reported a picture's sending: its swaps are timed to what it sent. */
    private boolean sinkReportsSending;

    /** The session's audio, or null for a session without sound. */
    private final AudioPipeline audio;

    /** The session's input, or null for a session without (a recording). */
    private final InputStage input;
    private volatile boolean inputRefusalLogged;

    /**
     * {@code audioSink} may be null for a session without sound; then {@code request.audio()} is ignored.
     * {@code feedback} null: a session without input.
     */
    public SessionPipeline(String id, StreamRequest request, AccessUnitSink sink, AudioPacketSink audioSink,
                           InputFeedback feedback, Backends backends, PipelineSettings settings, System.Logger log,
                           Consumer<SessionPipeline> onStop) {
        this.context = new SessionContext(id, request, backends, log);
        this.sink = sink;
        this.onStop = onStop;
        this.fitter = new FrameFitter(request.mode(), context::info);
        this.healer = new LossHealer(context);
        this.encoder = new EncoderStage(context, fitter, healer,
                request.intraRefresh() ? settings.intraRefreshFrames(request.mode()) : 0);
        this.repeater = new FrameRepeater(slot, request.mode(), settings.repeatIdleFrames(),
                FrameRepeater.Clock.SYSTEM);
        this.capture = new CaptureStage(context, slot, repeater, encoder::inputFormats, encoder::requestKeyframe);
        this.encodeThread = new Thread(this::encodeLoop, "lumen-session-" + id + "-encode");
        this.encodeThread.setDaemon(true);
        this.audio = audioSink == null || request.audio() == null ? null
                : new AudioPipeline(context, request.audio(), audioSink, settings);
        this.input = feedback == null ? null : new InputStage(context, new InputRequest(id, request.client(),
                request.mode().width(), request.mode().height(), request.captureOptions()), feedback);
    }

    /** Chooses backends and starts streaming. */
    public void start() {
        context.info("started for " + context.request.client() + ": " + context.request.mode() + " "
                + context.request.codec() + " " + context.request.bitrateKbps() + " kbps"
                + (context.request.intraRefresh() ? ", the client resumes from intra refresh" : ""));
        encoder.reselect("session start", -1);
        capture.reselect("session start", -1, false);
        if (audio != null) {
            audio.select();
        }
        if (input != null) {
            input.reselect("session start", -1);
        }
        context.started = true;
        encodeThread.start();
        if (audio != null) {
            audio.start();
        }
    }

    /**
     * A backend of {@code role} arrived, departed ({@code serviceGone} is its service id) or the pins changed:
     * re-chooses that role's backend and swaps it in when the choice differs.
     */
    public void reselect(BackendRole role, String reason, long serviceGone) {
        if (stopped.get()) {
            return;
        }
        switch (role) {
            case ENCODER -> {
                if (encoder.reselect(reason, serviceGone)) {
                    PixelFormat delivered = capture.lastFormat();
                    if (delivered != null && !encoder.inputFormats().contains(delivered)) {
                        capture.reselect("encoder " + encoder.backendId() + " does not take " + delivered, -1, true);
                    }
                }
            }
            case CAPTURE -> capture.reselect(reason, serviceGone, false);
            case FEC -> { /* FEC belongs to the protocol's packetizer, not to this pipeline */ }
            case AUDIO_CAPTURE, AUDIO_ENCODER -> {
                if (audio != null) {
                    audio.reselect(role, reason, serviceGone);
                }
            }
            case INPUT -> {
                if (input != null) {
                    input.reselect(reason, serviceGone);
                }
            }
        }
    }

    private void encodeLoop() {
        try {
            while (!stopped.get()) {
                FrameRepeater.Next next;
                try {
                    next = repeater.next(POLL_NANOS);
                } catch (InterruptedException e) {
                    break;
                }
                switch (next) {
                    case null -> { }
                    case FrameRepeater.NewFrame(Frame frame) -> encodeNew(frame);
                    case FrameRepeater.Repeat(Frame last, long nowNanos) -> repeat(last, nowNanos);
                }
            }
        } finally {
            repeater.drop();
        }
    }

    /** Encodes a frame from the capture; once encoded it is held for repeats while the capture is idle. */
    private void encodeNew(Frame frame) {
        boolean held = false;
        try {
            if (encoder.encode(frame, this::emit)) {
                encoded.increment();
                repeater.hold(frame);
                held = true;
            }
        } catch (RuntimeException | Error e) {
            context.warn("encode loop error on frame " + frame.sequence() + ": " + e);
        } finally {
            if (!held) {
                frame.release();
            }
        }
    }

    private void repeat(Frame last, long nowNanos) {
        EncoderStage.Repeated how = EncoderStage.Repeated.DROPPED;
        sendingRepeat = true;
        try {
            how = encoder.repeat(last, nowNanos, this::emit);
        } catch (RuntimeException | Error e) {
            context.warn("encode loop error repeating frame " + last.sequence() + ": " + e);
        } finally {
            sendingRepeat = false;
        }
        switch (how) {
            case BY_ENCODER -> repeatsByEncoder.increment();
            case ENCODED_AGAIN -> repeatsEncoded.increment();
            case TOO_SLOW -> repeatsTooSlow.increment();
            case DROPPED -> { }
        }
        if (!repeatLogged && how != EncoderStage.Repeated.DROPPED) {
            // once per session: a desktop that idles between bursts starts and stops repeating all the time
            repeatLogged = true;
            context.info(how == EncoderStage.Repeated.TOO_SLOW
                    ? "capture idle: the last picture is not sent again, encoder " + encoder.backendId() + " takes"
                            + " over half a frame interval to encode one (counted in lumen:session)"
                    : "capture idle: sending the last picture again at the client's " + context.request.mode().fps()
                            + " fps until a new frame comes (counted in lumen:session)");
        }
    }

    /**
     * When the sink sent the picture it was just given ({@code handedNanos}: when it was handed on), -1 when it did
     * not send it or does not say. A sink that once reported a time is taken to report every picture it sends, so a
     * picture it held back (no client yet) closes no swap.
     */
    private long sinkSentNanos(long handedNanos) {
        long sent;
        try {
            sent = sink.lastSentNanos();
        } catch (RuntimeException e) {
            return -1;
        }
        if (sent < 0) {
            return -1;
        }
        sinkReportsSending = true;
        return sent >= handedNanos ? sent : -1;
    }

    /** Numbers, counts and forwards one access unit; runs on the encode thread. */
    private void emit(AccessUnit unit) {
        long now = System.nanoTime();
        // the encoder's number goes, its recovery mark stays: the client resumes at the picture that says it heals
        AccessUnit numbered = unit.withFrameNumber(nextFrameNumber++);
        healer.sent(numbered.frameNumber(), unit.frameNumber(), encoder.generation());
        try {
            sink.accept(numbered);
        } catch (RuntimeException e) {
            if (!sinkFailureLogged) {
                sinkFailureLogged = true;
                context.warn("sink failed on picture " + numbered.frameNumber() + ": " + e);
            }
            context.drop("sink failed");
        }
        if (!sendingRepeat) {
            // a repeat is stamped when it is sent (the client paces by the stamps), but shows an older capture: it
            // must not let audio captured since then leave as if its picture had gone, nor count as latency
            context.pictureSent(unit.captureNanos());
        }
        long size = unit.data().byteSize();
        bytesSent.add(size);
        rate.record(now, size);
        if (unit.keyframe()) {
            keyframes.increment();
        }
        long sent = sinkSentNanos(now);
        if (sent >= 0) {
            context.lastPictureSentNanos = sent;
        }
        if (sent >= 0 || !sinkReportsSending) {
            SwapEvent.StallTiming timing = sent >= 0 ? SwapEvent.StallTiming.SENT : SwapEvent.StallTiming.HANDED_ON;
            for (SwapEvent done : context.swaps.pictureSent(unit.keyframe(), sent >= 0 ? sent : now, timing)) {
                context.info(done.role().label() + " swap to " + done.to() + " done: stall "
                        + done.stall().map(d -> String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6))
                        .orElse("?") + (done.timing() == SwapEvent.StallTiming.SENT
                        ? " to the keyframe's last packet sent"
                        : " to the keyframe handed on (the sink does not report sending)"));
            }
        }
        if (context.lastPictureNanos < 0) {
            context.info(String.format(java.util.Locale.ROOT, "first picture sent %.0f ms after start (%s)",
                    (now - startNanos) / 1e6, unit.keyframe() ? "keyframe" : "not a keyframe"));
        }
        context.lastPictureNanos = now;
    }

    @Override
    public String id() {
        return context.id;
    }

    @Override
    public StreamRequest request() {
        return context.request;
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public boolean isActive() {
        return !stopped.get();
    }

    @Override
    public void requestKeyframe() {
        encoder.requestKeyframe();
    }

    @Override
    public void heal(long firstFrame, long lastFrame) {
        encoder.heal(firstFrame, lastFrame);
    }

    @Override
    public void setBitrate(int kbps) {
        if (kbps <= 0) {
            throw new IllegalArgumentException("bitrate must be positive: " + kbps + " kbps");
        }
        encoder.setBitrate(kbps);
        context.info("bitrate set to " + kbps + " kbps");
    }

    @Override
    public void inject(InputEvent event, long arrivalNanos) {
        if (!context.id.equals(event.sessionId())) {
            throw new IllegalArgumentException("an event of session " + event.sessionId() + " given to " + context.id);
        }
        if (input == null) {
            if (!inputRefusalLogged) {
                inputRefusalLogged = true;
                context.warn("input arrived for a session started without input; it is not injected");
            }
            return;
        }
        input.inject(event, arrivalNanos);
    }

    @Override
    public SessionStats stats() {
        long now = System.nanoTime();
        double[] rates = rate.rates(now);
        Map<String, Object> captureStats = new LinkedHashMap<>();
        Map<String, String> options = capture.openedOptions();
        if (!options.isEmpty()) {
            captureStats.put("options", new java.util.TreeMap<>(options).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
        }
        captureStats.putAll(capture.stats());
        captureStats.put(FITTED_IN_JAVA, encoder.fittedInJava());
        context.dropsByReason().forEach((reason, count) -> captureStats.put("dropped: " + reason, count));
        long slotDrops = slot.replaced();
        long dropped = slotDrops + context.dropsByReason().values().stream().mapToLong(Long::longValue).sum();
        if (slotDrops > 0) {
            captureStats.put("dropped: encoder late (replaced in slot)", slotDrops);
        }
        long byEncoder = repeatsByEncoder.sum();
        long reencodes = repeatsEncoded.sum();
        long tooSlow = repeatsTooSlow.sum();
        if (byEncoder + reencodes + tooSlow > 0) {
            captureStats.put("repeated while idle: encoder's own repeat", byEncoder);
            captureStats.put("repeated while idle: last frame encoded again", reencodes);
        }
        if (tooSlow > 0) {
            captureStats.put("not repeated while idle: encoding again takes over half a frame interval", tooSlow);
        }
        captureStats.putAll(healer.stats());
        return new SessionStats(state(now), capture.backendId(), encoder.backendId(), rates[0], (long) rates[1],
                capture.captured(), encoded.sum(), dropped, keyframes.sum(), bytesSent.sum(), context.swaps.events(),
                captureStats, sinkStats(), audio == null ? null : audio.stats(), input == null ? null : input.stats());
    }

    /** A sink that fails to report must not break diagnostics of the session. */
    private Map<String, Object> sinkStats() {
        try {
            return sink.stats();
        } catch (RuntimeException e) {
            return Map.of("stats unavailable", String.valueOf(e));
        }
    }

    private String state(long now) {
        if (stopped.get()) {
            return "stopped";
        }
        if ("none".equals(capture.backendId())) {
            return "waiting for a capture backend";
        }
        if ("none".equals(encoder.backendId())) {
            return "waiting for an encoder backend";
        }
        long last = context.lastPictureNanos;
        return last >= 0 && now - last < Duration.ofSeconds(1).toNanos() ? "streaming" : "starting";
    }

    @Override
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (input != null) {
            input.close(); // first: nothing the client held stays down while the rest winds down
        }
        if (audio != null) {
            audio.stop();
        }
        capture.close();
        slot.close();
        try {
            encodeThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (encodeThread.isAlive()) {
            context.warn("encode thread did not stop within 5 s; closing the encoder anyway");
        }
        encoder.close();
        if (!encodeThread.isAlive()) {
            fitter.close(); // a frame the stuck thread still holds would outlive its memory otherwise
        }
        onStop.accept(this);
        Duration ran = Duration.between(started, Instant.now());
        context.info(String.format(java.util.Locale.ROOT,
                "stopped after %.1f s: %d pictures and %d repeats while the capture was idle, %d keyframes, %d frames"
                        + " dropped, %d swaps", ran.toMillis() / 1000.0, encoded.sum(),
                repeatsByEncoder.sum() + repeatsEncoded.sum(), keyframes.sum(), stats().framesDropped(),
                context.swaps.total()));
    }
}
