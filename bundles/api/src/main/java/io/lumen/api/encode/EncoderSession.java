package io.lumen.api.encode;

import io.lumen.api.backend.BackendException;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One open encoder. Called from a single thread (the session's encode thread) except {@link #requestKeyframe()}
 * and {@link #setBitrate(int)}, which may come from any thread.
 */
@ConsumerType
public interface EncoderSession extends AutoCloseable {

    /**
     * Encodes one frame and hands any finished access units to {@code sink} before returning. The frame stays
     * owned by the caller (the encoder does not release it).
     */
    void encode(Frame frame, AccessUnitSink sink) throws BackendException;

    /** The next encoded picture is a keyframe (IDR). */
    void requestKeyframe();

    /** Changes the target rate without reopening where the encoder allows it. */
    void setBitrate(int kbps);

    /** Frees the encoder; no call follows. */
    @Override
    void close();
}
