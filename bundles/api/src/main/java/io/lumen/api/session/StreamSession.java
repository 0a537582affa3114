package io.lumen.api.session;

import io.lumen.api.input.InputEvent;

import org.osgi.annotation.versioning.ProviderType;

import java.time.Instant;

/** One client's stream: its pipeline survives every backend swap until {@link #stop()}. */
@ProviderType
public interface StreamSession {

    /** Short id, unique for the host's lifetime. */
    String id();

    StreamRequest request();

    Instant started();

    SessionStats stats();

    boolean isActive();

    /** The next picture sent is a keyframe (a client's IDR request). */
    void requestKeyframe();

    /** Changes the target rate of this session's encoder (and of any encoder that replaces it). */
    void setBitrate(int kbps);

    /** Stops capture and encoding, releases what the client held and frees the backends' sessions; idempotent. */
    void stop();
}
