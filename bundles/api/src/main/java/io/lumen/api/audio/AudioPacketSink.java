package io.lumen.api.audio;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.Map;

/** Where encoded audio goes: a protocol's audio stream, a test. */
@ConsumerType
public interface AudioPacketSink {

    /** Called on the session's audio thread; the data is valid only during the call. */
    void accept(AudioPacket packet);

    /** The sink's own figures for diagnostics; any thread may ask. None by default. */
    default Map<String, Object> stats() {
        return Map.of();
    }
}
