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
     * owned by the caller (the encoder does not release it). Its size is the configured mode's, or any size when
     * the backend {@link EncoderBackend#scalesInput() scales its input}.
     */
    void encode(Frame frame, AccessUnitSink sink) throws BackendException;

    /**
     * Sends the last picture encoded once more, stamped {@code captureNanos}, without being given it again: for an
     * idle source (a desktop that sends no frame while nothing changes), so the client keeps its frame rate. An
     * encoder that can do this cheaper than encoding the picture again (an all-skip P picture) does, hands the access
     * unit to {@code sink} and returns true. False (the default) asks the caller to encode the last frame again
     * instead; an encoder also returns false when it has encoded nothing yet or a keyframe is due.
     *
     * @since 1.3
     */
    default boolean repeatLast(long captureNanos, AccessUnitSink sink) throws BackendException {
        return false;
    }

    /** The next encoded picture is a keyframe (IDR). */
    void requestKeyframe();

    /** Changes the target rate without reopening where the encoder allows it. */
    void setBitrate(int kbps);

    /** Frees the encoder; no call follows. */
    @Override
    void close();
}
