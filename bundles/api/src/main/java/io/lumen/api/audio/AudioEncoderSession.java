package io.lumen.api.audio;

import io.lumen.api.backend.BackendException;
import org.osgi.annotation.versioning.ConsumerType;

import java.lang.foreign.MemorySegment;

/** One open audio encoder, called from the session's audio thread only. */
@ConsumerType
public interface AudioEncoderSession extends AutoCloseable {

    /**
     * Encodes one packet's PCM ({@link AudioEncoderConfig#packetSamples()} samples per channel, interleaved, in
     * the config's format) and returns the packet, valid until the next call.
     */
    MemorySegment encode(MemorySegment pcm) throws BackendException;

    /** "opus 1.3.1, 4 streams, CBR 256 kbps": for diagnostics. */
    String description();

    @Override
    void close();
}
