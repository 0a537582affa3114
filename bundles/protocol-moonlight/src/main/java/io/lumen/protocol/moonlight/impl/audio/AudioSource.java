package io.lumen.protocol.moonlight.impl.audio;

import java.lang.foreign.MemorySegment;

/**
 * Where the stream's PCM comes from. The sender pulls one frame per packet at the packet cadence, so a capture
 * backend plugged in here buffers what it captures and hands out the oldest frame it holds (silence when it has
 * none) without blocking for long; it must not clock the stream itself.
 */
public interface AudioSource extends AutoCloseable {

    /**
     * Fills {@code pcm} with the next frame: {@code frameSamples} samples per channel, {@code channels} interleaved
     * signed 16-bit samples in native byte order, channels in Moonlight's order (FL FR FC LFE BL BR SL SR).
     */
    void read(MemorySegment pcm, int channels, int frameSamples);

    /** "silence", "pipewire: alsa_output.monitor"; for stats and logs. */
    String name();

    @Override
    void close();
}
