package io.lumen.session.impl.pipeline;

import io.lumen.api.audio.AudioCaptureBackend;
import io.lumen.api.audio.AudioCaptureRequest;
import io.lumen.api.audio.AudioCaptureSession;
import io.lumen.api.audio.AudioPeriod;
import io.lumen.api.audio.AudioRequest;
import io.lumen.api.audio.PcmSink;
import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.BackendRole;
import io.lumen.session.impl.backend.BackendRegistry.Selection;
import io.lumen.session.impl.backend.Registration;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The audio capture of one session and its replacement. As with video, each opened capture gets a sink tagged
 * with a generation, so periods a replaced capture still delivers while closing never reach the stream; a swap
 * also drops the PCM already queued, so the old source's sound does not trail into the new one's.
 *
 * <p>Unlike video, a capture that ends (its daemon went away, the user removed lumen's sink) is followed by
 * silence, not by a lower-ranked capture: the desktop's sound going away must not turn into a test tone. A capture
 * ranked as high, a pin or the ended backend's own departure choose again.
 */
final class AudioCaptureStage {

    private final SessionContext context;
    private final AudioRequest request;
    private final PcmRing ring;
    private final PcmPacketizer packetizer;
    private final Set<Long> failed = new HashSet<>();
    private final LongAdder periods = new LongAdder();
    private Registration<AudioCaptureBackend> backend;
    private AudioCaptureSession session;
    private volatile String backendId = "none";
    private volatile long generation;
    /** The ranking of the capture that ended, which no lower-ranked one replaces; MIN_VALUE when none ended. */
    private int endedRanking = Integer.MIN_VALUE;
    private long endedServiceId = -1;

    AudioCaptureStage(SessionContext context, AudioRequest request, PcmRing ring, PcmPacketizer packetizer) {
        this.context = context;
        this.request = request;
        this.ring = ring;
        this.packetizer = packetizer;
    }

    String backendId() {
        return backendId;
    }

    /** Chooses the capture again; replaces the one in use when the choice differs or {@code serviceGone} is it. */
    synchronized void reselect(String reason, long serviceGone) {
        if (serviceGone >= 0 && serviceGone == endedServiceId) {
            endedRanking = Integer.MIN_VALUE; // the ended backend left: the ordinary choice applies again
            endedServiceId = -1;
        }
        choose(reason, serviceGone);
    }

    private void choose(String reason, long serviceGone) {
        boolean gone = Registration.isService(backend, serviceGone);
        Selection<AudioCaptureBackend> selection = select();
        Registration<AudioCaptureBackend> chosen = selection.chosen().orElse(null);
        boolean same = Registration.sameService(chosen, backend);
        if (same && !gone) {
            return;
        }
        String from = backendId;
        closeSession();
        while (chosen != null && !open(chosen)) {
            failed.add(chosen.serviceId());
            selection = select();
            chosen = selection.chosen().orElse(null);
        }
        context.backendChanged(BackendRole.AUDIO_CAPTURE, from, backendId,
                backend == null ? reason + "; " + selection.why() + "; sending silence" : reason);
    }

    private Selection<AudioCaptureBackend> select() {
        int floor = endedRanking;
        return context.backends.selectAudioCapture(request, failed, r -> r.ranking() >= floor);
    }

    private boolean open(Registration<AudioCaptureBackend> candidate) {
        long myGeneration = ++generation;
        PcmSink sink = new PcmSink() {
            @Override
            public void accept(AudioPeriod period) {
                if (myGeneration == generation) {
                    periods.increment();
                    packetizer.accept(period);
                }
            }

            @Override
            public void ended(String why) {
                captureEnded(myGeneration, candidate.serviceId(), why);
            }
        };
        AudioCaptureRequest captureRequest = new AudioCaptureRequest(request.format(),
                request.encoding().packetMillis(), request.hostPlaysToo(), request.captureOptions());
        try {
            session = candidate.service().open(captureRequest, sink);
            backend = candidate;
            endedRanking = Integer.MIN_VALUE;
            endedServiceId = -1;
            backendId = candidate.id();
            context.info("audio capture " + candidate.id() + " opened: " + request.format().layoutName()
                    + (request.hostPlaysToo() ? ", the host plays the audio too" : ""));
            return true;
        } catch (BackendException | RuntimeException | LinkageError e) {
            context.warn("audio capture " + candidate.id() + " did not open: " + e.getMessage());
            return false;
        }
    }

    /** As for video: the ended capture is failed for this session and replaced from a thread of its own. */
    private void captureEnded(long endedGeneration, long serviceId, String why) {
        if (endedGeneration != generation) {
            return;
        }
        Thread.ofVirtual().name("lumen-audio-capture-ended").start(() -> {
            synchronized (this) {
                if (endedGeneration != generation) {
                    return;
                }
                context.warn("audio capture " + backendId + " ended: " + why + "; silence until a capture ranked as"
                        + " high arrives or one is pinned");
                failed.add(serviceId);
                endedRanking = backend == null ? Integer.MIN_VALUE : backend.ranking();
                endedServiceId = serviceId;
                choose("audio capture " + backendId + " ended: " + why, serviceId);
            }
        });
    }

    Map<String, Object> stats() {
        AudioCaptureSession current;
        synchronized (this) {
            current = session;
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("periods", periods.sum());
        if (current != null) {
            try {
                stats.putAll(current.stats());
            } catch (RuntimeException e) {
                stats.put("stats failed", e.toString());
            }
        }
        return stats;
    }

    synchronized void close() {
        closeSession();
    }

    /** Stops the capture (its close returns once delivery stopped), then forgets its partial and queued PCM. */
    private void closeSession() {
        generation++;
        if (session != null) {
            context.closeBackendSession(session::close, "audio capture " + backendId);
            session = null;
        }
        backend = null;
        backendId = "none";
        packetizer.reset();
        ring.clear();
    }
}
