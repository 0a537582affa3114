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
 */
public record AccessUnit(long frameNumber, long captureNanos, boolean keyframe, Codec codec, MemorySegment data) {

    public AccessUnit withFrameNumber(long number) {
        return number == frameNumber ? this : new AccessUnit(number, captureNanos, keyframe, codec, data);
    }
}
