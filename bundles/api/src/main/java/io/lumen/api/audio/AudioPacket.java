package io.lumen.api.audio;

import java.lang.foreign.MemorySegment;

/**
 * One encoded audio packet. The bytes belong to the encoder and are valid only during the
 * {@link AudioPacketSink#accept(AudioPacket)} call that delivers them.
 *
 * @param sequence     the session's packet counter (continuous across every backend swap and silence)
 * @param captureNanos {@link System#nanoTime()} of the packet's first sample (of its making, for silence)
 * @param silence      the pipeline made it from silence, as no capture delivered in time
 */
public record AudioPacket(long sequence, long captureNanos, boolean silence, MemorySegment data) {
}
