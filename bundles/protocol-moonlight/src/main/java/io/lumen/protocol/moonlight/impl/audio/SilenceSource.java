package io.lumen.protocol.moonlight.impl.audio;

import java.lang.foreign.MemorySegment;

/**
 * Digital silence, until lumen captures the desktop's audio. Clients still get a live stream: their audio
 * device opens, the RTP timing runs, and FEC and encryption work as they will with sound.
 */
public final class SilenceSource implements AudioSource {

    @Override
    public void read(MemorySegment pcm, int channels, int frameSamples) {
        pcm.asSlice(0, (long) channels * frameSamples * Short.BYTES).fill((byte) 0);
    }

    @Override
    public String name() {
        return "silence";
    }

    @Override
    public void close() {
        // nothing held
    }
}
