package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.session.StreamRequest;
import io.lumen.api.session.SwapEvent;
import io.lumen.session.impl.backend.Backends;

import io.lumen.log.WarnOnce;

import java.util.Map;

/** What the stages of one session share: its identity, the backends to choose from, its log and counters. */
final class SessionContext {

    final String id;
    final StreamRequest request;
    final Backends backends;
    final System.Logger log;
    final SwapLog swaps = new SwapLog();
    private final WarnOnce drops;
    private final WarnOnce audioDrops;

    /** Time of the last picture handed to the sink, {@code System.nanoTime()}; -1 before the first. */
    volatile long lastPictureNanos = -1;
    /** When the last packet of the last picture the sink sent left the host; -1 when it does not report it. */
    volatile long lastPictureSentNanos = -1;

    SessionContext(String id, StreamRequest request, Backends backends, System.Logger log) {
        this.id = id;
        this.request = request;
        this.backends = backends;
        this.log = log;
        this.drops = new WarnOnce(log);
        this.audioDrops = new WarnOnce(log);
    }

    void info(String message) {
        log.log(System.Logger.Level.INFO, "session " + id + ": " + message);
    }

    void warn(String message) {
        log.log(System.Logger.Level.WARNING, "session " + id + ": " + message);
    }

    /** Runs a backend session's {@code close}; one that fails is logged, as the stage goes on without it. */
    void closeBackendSession(Runnable close, String what) {
        try {
            close.run();
        } catch (RuntimeException | LinkageError e) {
            warn(what + " failed to close: " + e);
        }
    }

    /** Counts a frame dropped for {@code reason}; the first drop of each reason is logged. */
    void drop(String reason) {
        drops.warn(reason, "session " + id + ": dropping frames: " + reason + " (see lumen:session " + id + ")");
    }

    Map<String, Long> dropsByReason() {
        return drops.counts();
    }

    /** Counts a packet of audio dropped for {@code reason}; the first of each reason is logged. */
    void dropAudio(String reason) {
        audioDrops.warn(reason, "session " + id + ": dropping audio: " + reason + " (see lumen:session " + id + ")");
    }

    Map<String, Long> audioDropsByReason() {
        return audioDrops.counts();
    }

    /**
     * The capture-to-send time of the last few pictures: what audio waits after its capture to leave with its
     * picture. Few, so the wait follows the encoder's pace within a few frames; a median, so one slow picture (a
     * keyframe) does not hold the sound back.
     */
    final LatencyWindow videoLatency = new LatencyWindow(5);
    /** Notified when a picture was sent; guards the two fields below it. */
    private final Object pictureSent = new Object();
    private long sentPictureCaptureNanos = Long.MIN_VALUE;
    private long sentPictureLatencyNanos = -1;

    /** A picture captured at {@code captureNanos} was sent now. */
    void pictureSent(long captureNanos) {
        long latency = System.nanoTime() - captureNanos;
        videoLatency.record(latency);
        synchronized (pictureSent) {
            sentPictureCaptureNanos = captureNanos;
            sentPictureLatencyNanos = latency;
            pictureSent.notifyAll();
        }
    }

    /**
     * Waits until a picture captured after {@code captureNanos} was sent, {@code deadlineNanos} passed or
     * {@code stop} holds; returns the capture-to-send time of the last picture sent when it is such a picture, -1
     * when none came in time.
     */
    long awaitPictureCapturedAfter(long captureNanos, long deadlineNanos, java.util.function.BooleanSupplier stop) {
        synchronized (pictureSent) {
            long now;
            while (sentPictureCaptureNanos <= captureNanos && !stop.getAsBoolean()
                    && (now = System.nanoTime()) < deadlineNanos) {
                long left = deadlineNanos - now;
                try {
                    pictureSent.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            return sentPictureCaptureNanos > captureNanos ? sentPictureLatencyNanos : -1;
        }
    }

    /** Time of the last audio packet sent, and of the last one made of captured sound; -1 before the first. */
    volatile long lastAudioNanos = -1;
    volatile long lastCapturedAudioNanos = -1;

    /**
     * A swap's stall starts at the last output of what it interrupts: the last picture for video (its last packet
     * where the sink reports sending), the last packet for an audio encoder, the last packet of captured sound for
     * an audio capture; now when there was none yet.
     */
    long stallStart(BackendRole role) {
        long last = switch (role) {
            case AUDIO_CAPTURE -> lastCapturedAudioNanos;
            case AUDIO_ENCODER -> lastAudioNanos;
            case INPUT -> System.nanoTime();
            default -> lastPictureSentNanos >= 0 ? lastPictureSentNanos : lastPictureNanos;
        };
        return last >= 0 ? last : System.nanoTime();
    }

    private SwapEvent.StallTiming startTiming(BackendRole role) {
        return (role == BackendRole.CAPTURE || role == BackendRole.ENCODER) && lastPictureSentNanos >= 0
                ? SwapEvent.StallTiming.SENT : SwapEvent.StallTiming.HANDED_ON;
    }

    /** Set once the session's first backends were chosen: later changes are swaps. */
    volatile boolean started;

    /** Records a change of backend: a swap once the session runs, the initial choice before. */
    void backendChanged(BackendRole role, String from, String to, String reason) {
        if (!started) {
            info(role.label() + " " + to + " chosen (" + reason + ")");
            return;
        }
        swaps.begin(role, from, to, reason, stallStart(role), startTiming(role));
        info(role.label() + " " + from + " -> " + to + " (" + reason + ")");
    }
}
