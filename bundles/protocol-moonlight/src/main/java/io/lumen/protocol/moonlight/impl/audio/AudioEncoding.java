package io.lumen.protocol.moonlight.impl.audio;

import io.lumen.protocol.moonlight.impl.audio.opus.Opus;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusException;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusLayout;
import io.lumen.protocol.moonlight.impl.audio.opus.OpusMultistreamEncoder;

import java.lang.foreign.MemorySegment;

/** The stream's source and its Opus encoder: one call, one encoded frame. Owns and closes both. */
final class AudioEncoding implements AutoCloseable {

    private final AudioSource source;
    private final OpusMultistreamEncoder encoder;
    private final String description;

    private AudioEncoding(AudioSource source, OpusMultistreamEncoder encoder, String description) {
        this.source = source;
        this.encoder = encoder;
        this.description = description;
    }

    /** Opens the encoder {@code params} call for; on failure the source is left to the caller. */
    static AudioEncoding open(Opus opus, AudioStreamParams params, AudioSource source) throws OpusException {
        OpusLayout layout = AudioLayouts.of(params.channels(), params.highQuality());
        OpusMultistreamEncoder encoder = OpusMultistreamEncoder.open(opus, layout, params.frameSamples(),
                AudioRtp.MAX_OPUS_PACKET_BYTES);
        String description = "opus " + opus.version().orElse("?") + ", "
                + AudioLayouts.name(params.channels(), params.highQuality()) + " " + layout.bitrate() / 1000
                + " kbps CBR " + params.packetDurationMs() + " ms";
        return new AudioEncoding(source, encoder, description);
    }

    /** Reads and encodes the next frame; the packet is valid until the next call. */
    MemorySegment next() throws OpusException {
        source.read(encoder.pcm(), encoder.layout().channels(), encoder.frameSamples());
        return encoder.encode();
    }

    /** "opus 1.3.1, stereo 96 kbps CBR 5 ms". */
    String description() {
        return description;
    }

    String sourceName() {
        return source.name();
    }

    @Override
    public void close() {
        try {
            encoder.close();
        } finally {
            source.close();
        }
    }
}
