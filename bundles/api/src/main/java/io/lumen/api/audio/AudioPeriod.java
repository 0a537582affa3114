package io.lumen.api.audio;

import java.lang.foreign.MemorySegment;

/**
 * One period of captured PCM as the capture delivers it, in the session's {@link AudioFormat}. The samples belong
 * to the capture and are valid only during the {@link PcmSink#accept(AudioPeriod)} call that delivers them.
 *
 * @param samples      {@code frames} × channels interleaved signed 16-bit samples in native byte order
 * @param frames       samples per channel (any count: the session cuts packets from the periods)
 * @param sequence     the capture's period counter, from 0 for each opened capture
 * @param captureNanos {@link System#nanoTime()} of the period's first sample, on the clock video frames use
 */
public record AudioPeriod(MemorySegment samples, int frames, long sequence, long captureNanos) {

    public AudioPeriod {
        if (frames < 0) {
            throw new IllegalArgumentException("a period of " + frames + " frames");
        }
    }
}
