package io.lumen.api.session;

/**
 * How a session heals a client that lost pictures ({@link StreamSession#heal}).
 *
 * @since 1.5
 */
public enum Healing {
    /** The next picture is a keyframe: every client can resume from it, at the cost of a burst of bits. */
    KEYFRAME,
    /** A wave of intra refresh: the picture is whole again by the wave's end, without a keyframe's burst. */
    INTRA_REFRESH,
    /** The encoder no longer references the lost pictures: the next picture decodes whole. */
    INVALIDATED_REFERENCES
}
