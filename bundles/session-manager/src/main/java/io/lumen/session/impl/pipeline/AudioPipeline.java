package io.lumen.session.impl.pipeline;

import io.lumen.api.audio.AudioEncoderConfig;
import io.lumen.api.audio.AudioPacket;
import io.lumen.api.audio.AudioPacketSink;
import io.lumen.api.audio.AudioRequest;
import io.lumen.api.backend.BackendRole;
import io.lumen.api.session.AudioStats;
import io.lumen.api.session.SwapEvent;

import java.lang.foreign.MemorySegment;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One session's audio: capture thread (the backend's) → packetizer → a few queued packets of PCM → audio thread
 * (ours): encoder → sink. The capture's clock paces the stream: each packet is encoded and handed on once its last
 * sample arrived and the picture on screen at its first sample left (within a bound: audio that leaves with its
 * picture plays with it). When no capture delivers (none available, one that ended, a swap's gap) the audio thread
 * keeps the client's cadence with packets of silence, counted, so the client's audio clock never starves.
 */
final class AudioPipeline {

    /** PCM queued at most, in milliseconds: what a late audio thread may fall behind before the oldest is dropped. */
    private static final int QUEUE_MILLIS = 40;
    /** Silence starts only after this many packet durations without captured sound (and three capture periods). */
    private static final int SILENCE_AFTER_PACKETS = 4;

    private final SessionContext context;
    private final AudioRequest request;
    private final AudioPacketSink sink;
    private final PcmRing ring;
    private final PcmPacketizer packetizer;
    private final AudioCaptureStage capture;
    private final AudioEncoderStage encoder;
    private final long packetNanos;
    private final long maxHoldNanos;
    private final long frameIntervalNanos;
    private volatile long holdNanos;
    private final LatencyWindow latency = new LatencyWindow(2_000);
    private final LongAdder packets = new LongAdder();
    private final LongAdder silencePackets = new LongAdder();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private long sequence;
    private boolean sinkFailureLogged;

    AudioPipeline(SessionContext context, AudioRequest request, AudioPacketSink sink, PipelineSettings settings) {
        this.context = context;
        this.request = request;
        this.sink = sink;
        AudioEncoderConfig config = request.encoding();
        int frameBytes = request.format().frameBytes();
        int packetBytes = config.packetSamples() * frameBytes;
        // the queue also holds what waits for the pictures: a held packet must not push a newer one out
        this.ring = new PcmRing(Math.max(2, (QUEUE_MILLIS + settings.audioSyncMaxMillis()) / config.packetMillis()),
                packetBytes, () -> context.dropAudio("audio thread late (oldest queued packet dropped)"));
        this.maxHoldNanos = TimeUnit.MILLISECONDS.toNanos(settings.audioSyncMaxMillis());
        this.frameIntervalNanos = context.request.mode().frameIntervalNanos();
        this.packetizer = new PcmPacketizer(ring, packetBytes, frameBytes);
        this.capture = new AudioCaptureStage(context, request, ring, packetizer);
        this.encoder = new AudioEncoderStage(context, config);
        this.packetNanos = TimeUnit.MILLISECONDS.toNanos(config.packetMillis());
        this.thread = new Thread(this::run, "lumen-session-" + context.id + "-audio");
        this.thread.setDaemon(true);
    }

    /** Chooses the backends; the session marks itself started after, so these are choices, not swaps. */
    void select() {
        context.info("audio: " + request.encoding() + (request.hostPlaysToo() ? ", host plays too" : ""));
        encoder.reselect("session start", -1);
        capture.reselect("session start", -1);
    }

    void start() {
        thread.start();
    }

    void reselect(BackendRole role, String reason, long serviceGone) {
        if (stopped.get()) {
            return;
        }
        if (role == BackendRole.AUDIO_CAPTURE) {
            capture.reselect(reason, serviceGone);
        } else if (role == BackendRole.AUDIO_ENCODER) {
            encoder.reselect(reason, serviceGone);
        }
    }

    private void run() {
        long silenceDue = System.nanoTime() + silenceAfter();
        while (!stopped.get()) {
            PcmRing.Packet captured;
            try {
                captured = ring.take(Math.max(0, silenceDue - System.nanoTime()));
            } catch (InterruptedException e) {
                break;
            }
            long now = System.nanoTime();
            if (captured != null) {
                try {
                    holdForThePictures(captured.captureNanos);
                    send(captured.pcm, captured.captureNanos, false);
                } finally {
                    ring.release(captured);
                }
                silenceDue = System.nanoTime() + silenceAfter(); // from the send: a held packet waited a while
            } else if (!stopped.get() && now >= silenceDue) {
                send(ring.silence(), now, true);
                // on the cadence of the client's packets; after a stall of the thread itself, from now on
                silenceDue = now - silenceDue > SILENCE_AFTER_PACKETS * packetNanos ? now + packetNanos
                        : silenceDue + packetNanos;
            }
        }
    }

    /**
     * Holds the packet so its first sample leaves as long after its capture as the picture on screen at that moment
     * (the last one captured before it) left after its own: the client then plays the sound while it shows that
     * picture. The wait for that picture is bounded by the video's recent capture-to-send time and a frame interval
     * (a dropped or very late picture is not waited for: the recent time stands in), the whole hold by the
     * configured bound. No hold while no picture left in the last second (an idle desktop's capture sends none).
     */
    private void holdForThePictures(long captureNanos) {
        long recentLatency = context.videoLatency.quantile(0.5);
        long lastPicture = context.lastPictureNanos;
        long now = System.nanoTime();
        if (maxHoldNanos == 0 || recentLatency <= 0 || lastPicture < 0 || now - lastPicture > 1_000_000_000L) {
            holdNanos = 0;
            return;
        }
        long onScreenLatency = context.awaitPictureCapturedAfter(captureNanos - frameIntervalNanos,
                captureNanos + Math.min(maxHoldNanos, recentLatency + frameIntervalNanos), stopped::get);
        holdNanos = Math.min(maxHoldNanos, onScreenLatency >= 0 ? onScreenLatency : recentLatency);
        long until = captureNanos + holdNanos;
        while (!stopped.get() && (now = System.nanoTime()) < until) {
            LockSupport.parkNanos(until - now);
        }
    }

    /** How long without captured sound before silence fills in: longer than the capture's own period. */
    private long silenceAfter() {
        return Math.max(SILENCE_AFTER_PACKETS * packetNanos, 3 * packetizer.periodNanos());
    }

    private void send(MemorySegment pcm, long captureNanos, boolean silence) {
        try {
            encoder.encode(pcm, packet -> deliver(packet, captureNanos, silence));
        } catch (RuntimeException | Error e) {
            context.warn("audio encode error: " + e);
            context.dropAudio("encode error");
        }
    }

    /** Hands one packet to the sink and counts it; runs while the encoder that made it cannot be swapped. */
    private void deliver(MemorySegment data, long captureNanos, boolean silence) {
        try {
            sink.accept(new AudioPacket(sequence++, captureNanos, silence, data));
        } catch (RuntimeException e) {
            if (!sinkFailureLogged) {
                sinkFailureLogged = true;
                context.warn("audio sink failed on packet " + (sequence - 1) + ": " + e);
            }
            context.dropAudio("sink failed");
            return;
        }
        long sent = System.nanoTime();
        packets.increment();
        if (context.lastAudioNanos < 0) {
            context.info(String.format(Locale.ROOT, "first audio packet sent %.0f ms after start (%s)",
                    (sent - startNanos) / 1e6, silence ? "silence" : "captured sound"));
        }
        context.lastAudioNanos = sent;
        if (silence) {
            silencePackets.increment();
        } else {
            latency.record(sent - captureNanos);
            context.lastCapturedAudioNanos = sent;
        }
        for (SwapEvent done : context.swaps.audioSent(!silence, sent)) {
            context.info(done.role().label() + " swap to " + done.to() + " done: gap "
                    + done.stall().map(d -> String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6)).orElse("?"));
        }
    }

    AudioStats stats() {
        Map<String, Long> dropped = context.audioDropsByReason();
        String description = encoder.description();
        return new AudioStats(capture.backendId(), encoder.backendId(), request.encoding()
                + (description.isEmpty() ? "" : "; " + description), packets.sum(), silencePackets.sum(), dropped,
                latency.quantile(0.5), latency.quantile(0.99), holdNanos, capture.stats());
    }

    /** Stops capture, then the audio thread, then the encoder; frees the PCM buffers last. */
    void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        capture.close();
        ring.shutdown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            context.warn("audio thread did not stop within 5 s; closing the audio encoder anyway");
        }
        encoder.close();
        if (!thread.isAlive()) {
            ring.close();
        }
        context.info(String.format(Locale.ROOT, "audio stopped: %d packets (%d of silence), %d dropped",
                packets.sum(), silencePackets.sum(), stats().droppedTotal()));
    }
}
