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

    /**
     * The client lost pictures {@code firstFrame} to {@code lastFrame} (numbered as this encoder numbered its access
     * units' {@link io.lumen.api.media.AccessUnit#frameNumber()}): from the next picture on, reference none of them,
     * so the picture decodes again from references the client still holds. That next picture says
     * {@link io.lumen.api.media.AccessUnit.Recovery#REFERENCES_INVALIDATED}. Returns false when the encoder cannot
     * (the default; or the frames left its reference window): the caller heals another way. Called on the encode
     * thread, between two {@link #encode} calls.
     *
     * @since 1.5
     */
    default boolean invalidateReferences(long firstFrame, long lastFrame) {
        return false;
    }

    /**
     * Starts a wave of intra refresh (over {@link EncoderConfig#intraRefreshFrames()} pictures) as soon as the
     * encoder can, instead of a keyframe: the first picture of the wave says
     * {@link io.lumen.api.media.AccessUnit.Recovery#INTRA_REFRESH}, and a client resuming from it sees a whole
     * picture again by the wave's end. Returns false when the encoder does not refresh in waves (the default, or it was
     * configured without intra refresh): the caller asks for a keyframe. Called on the encode thread, between two
     * {@link #encode} calls.
     *
     * @since 1.5
     */
    default boolean refreshIntra() {
        return false;
    }

    /** Changes the target rate without reopening where the encoder allows it. */
    void setBitrate(int kbps);

    /** Frees the encoder; no call follows. */
    @Override
    void close();
}
