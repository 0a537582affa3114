package io.lumen.protocol.moonlight.impl.video;

import io.lumen.api.media.AccessUnit;

/**
 * What a frame is to a client that lost frames before it, as the short frame header's frame type tells a Moonlight
 * client (Sunshine's values): it resumes at an IDR, and, when it invalidates references, also at the first picture of
 * an intra refresh wave or the first that references none of the lost ones.
 */
public enum FrameKind {
    P(1),
    IDR(2),
    INTRA_REFRESH(4),
    REFERENCES_INVALIDATED(5);

    private final int wireType;

    FrameKind(int wireType) {
        this.wireType = wireType;
    }

    /** The frame type byte of the short frame header. */
    public int wireType() {
        return wireType;
    }

    /** Whether a client waiting after a loss resumes here. */
    public boolean heals() {
        return this != P;
    }

    public static FrameKind of(boolean keyframe) {
        return keyframe ? IDR : P;
    }

    public static FrameKind of(AccessUnit unit) {
        if (unit.keyframe()) {
            return IDR;
        }
        return switch (unit.recovery()) {
            case NONE -> P;
            case INTRA_REFRESH -> INTRA_REFRESH;
            case REFERENCES_INVALIDATED -> REFERENCES_INVALIDATED;
        };
    }
}
