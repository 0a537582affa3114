package io.lumen.testkit.moonlight;

/**
 * What a Moonlight client asks of the host's encoder after losing a frame it could not rebuild, as it goes out on
 * the control stream's urgent channel.
 */
public sealed interface HealRequest {

    /** 0x0302: a keyframe, when the client must wait for an IDR. */
    record Keyframe() implements HealRequest {
    }

    /**
     * 0x0301: invalidate the references from {@code firstFrame} to {@code lastFrame} (frame indexes, inclusive),
     * when the client's decoder and the host both can.
     */
    record InvalidateReferences(long firstFrame, long lastFrame) implements HealRequest {
    }
}
