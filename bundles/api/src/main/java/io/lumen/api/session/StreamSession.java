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

    /**
     * The client lost pictures {@code firstFrame} to {@code lastFrame} ({@link io.lumen.api.media.AccessUnit#frameNumber()}
     * numbers): heal its picture the cheapest way the session's encoder allows. An encoder that can stop referencing
     * those pictures does; else one that refreshes in waves (a request with {@link StreamRequest#intraRefresh()})
     * starts a wave; else the next picture is a keyframe. Which one it was, the next picture tells: a keyframe, or its
     * {@link io.lumen.api.media.AccessUnit#recovery()}. Returns at once; the healing happens on the encode thread.
     * The default asks for a keyframe.
     *
     * @since 1.5
     */
    default void heal(long firstFrame, long lastFrame) {
        requestKeyframe();
    }

    /** Changes the target rate of this session's encoder (and of any encoder that replaces it). */
    void setBitrate(int kbps);

    /**
     * Injects one event of the session's client through the session's input backend. Called on the protocol's
     * control thread, one event at a time, in the order the client sent them; returns once the backend wrote it.
     * A session started without input, or with no input backend available, does not inject it.
     *
     * @param arrivalNanos {@code System.nanoTime()} when the datagram that carried it was read: the session
     *                     measures its input latency from there
     * @throws IllegalArgumentException an event of another session
     * @since 1.3
     */
    void inject(InputEvent event, long arrivalNanos);

    /** Stops capture and encoding, releases what the client held and frees the backends' sessions; idempotent. */
    void stop();
}
