package io.lumen.session.impl.pipeline;

import io.lumen.api.audio.AudioEncoderBackend;
import io.lumen.api.audio.AudioEncoderConfig;
import io.lumen.api.audio.AudioEncoderSession;
import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.BackendRole;
import io.lumen.session.impl.backend.BackendRegistry.Selection;
import io.lumen.session.impl.backend.Registration;

import java.lang.foreign.MemorySegment;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The audio encoder of one session and its replacement. As for video, one lock orders encoding against swaps, a
 * departing encoder is closed on the swapping thread (a departing bundle's unbind) and the next one opens on the
 * next packet.
 */
final class AudioEncoderStage {

    private final SessionContext context;
    private final AudioEncoderConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Long> failed = new HashSet<>();
    private Registration<AudioEncoderBackend> backend;
    private AudioEncoderSession session;
    private volatile String backendId = "none";
    private volatile String description = "";

    AudioEncoderStage(SessionContext context, AudioEncoderConfig config) {
        this.context = context;
        this.config = config;
    }

    String backendId() {
        return backendId;
    }

    /** The open encoder's own words ("opus 1.3.1, ..."); empty while none is open. */
    String description() {
        return description;
    }

    void reselect(String reason, long serviceGone) {
        lock.lock();
        try {
            boolean gone = Registration.isService(backend, serviceGone);
            Selection<AudioEncoderBackend> selection = context.backends.selectAudioEncoder(failed);
            Registration<AudioEncoderBackend> chosen = selection.chosen().orElse(null);
            boolean same = Registration.sameService(chosen, backend);
            if (!gone && same) {
                return;
            }
            String from = backendId;
            closeSession();
            backend = chosen;
            backendId = chosen == null ? "none" : chosen.id();
            context.backendChanged(BackendRole.AUDIO_ENCODER, from, backendId,
                    chosen == null ? reason + "; " + selection.why() + "; the client hears nothing" : reason);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Encodes one packet's PCM on the audio thread and hands the packet to {@code out} before a swap can close the
     * encoder whose memory it is; false when it could not encode (counted).
     */
    boolean encode(MemorySegment pcm, Consumer<MemorySegment> out) {
        lock.lock();
        try {
            if (!ensureOpen()) {
                return false;
            }
            MemorySegment packet;
            try {
                packet = session.encode(pcm);
            } catch (BackendException | RuntimeException | LinkageError e) {
                String id = backendId;
                failed.add(backend.serviceId());
                context.warn("audio encoder " + id + " failed: " + e);
                reselect("audio encoder " + id + " failed: " + e.getMessage(), backend.serviceId());
                context.dropAudio("audio encoder failed");
                return false;
            }
            out.accept(packet);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean ensureOpen() {
        while (session == null) {
            if (backend == null) {
                context.dropAudio("no audio encoder available");
                return false;
            }
            try {
                session = backend.service().open(config);
                description = session.description();
                context.info("audio encoder " + backendId + " opened: " + description);
            } catch (BackendException | RuntimeException | LinkageError e) {
                String id = backendId;
                failed.add(backend.serviceId());
                context.warn("audio encoder " + id + " did not open: " + e.getMessage());
                reselect("audio encoder " + id + " did not open", backend.serviceId());
            }
        }
        return true;
    }

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
            context.closeBackendSession(session::close, "audio encoder " + backendId);
            session = null;
            description = "";
        }
    }
}
