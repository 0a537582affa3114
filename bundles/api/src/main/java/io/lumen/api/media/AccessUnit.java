package io.lumen.api.media;

import java.lang.foreign.MemorySegment;

/**
 * One encoded picture in Annex-B form. The bytes belong to the encoder and are valid only while the
 * {@link AccessUnitSink#accept(AccessUnit)} call that delivers them runs: a sink that keeps them copies them.
 *
 * @param frameNumber  the session's frame number (continuous across every backend swap)
 * @param captureNanos {@link System#nanoTime()} of the capture of the source picture
 * @param keyframe     an IDR picture a decoder can start from
 * @param codec        the bitstream format
 * @param data         the access unit, start codes included
 * @param recovery     how this picture heals a client that lost earlier ones without being a keyframe; since 1.3
 */
public record AccessUnit(long frameNumber, long captureNanos, boolean keyframe, Codec codec, MemorySegment data,
                         Recovery recovery) {

    /**
     * What a picture that is not a keyframe does for a client that lost pictures before it. A Moonlight client that
     * lost a picture waits for a keyframe or for a picture that says it heals (its frame type 4 or 5).
     *
     * @since 1.3
     */
    public enum Recovery {
        /** An ordinary picture. */
        NONE,
        /** The first picture of a wave of intra refresh: decoding from here, the picture is whole by the wave's end. */
        INTRA_REFRESH,
        /** The first picture that references none of the pictures a client reported lost. */
        REFERENCES_INVALIDATED
    }

    public AccessUnit {
        java.util.Objects.requireNonNull(recovery, "recovery");
    }

    /** An ordinary picture or a keyframe (the 1.2 form). */
    public AccessUnit(long frameNumber, long captureNanos, boolean keyframe, Codec codec, MemorySegment data) {
        this(frameNumber, captureNanos, keyframe, codec, data, Recovery.NONE);
    }

    public AccessUnit withFrameNumber(long number) {
        return number == frameNumber ? this : new AccessUnit(number, captureNanos, keyframe, codec, data, recovery);
    }

    /** This picture saying how it heals. Since 1.3. */
    public AccessUnit withRecovery(Recovery how) {
        return how == recovery ? this : new AccessUnit(frameNumber, captureNanos, keyframe, codec, data, how);
    }
}
