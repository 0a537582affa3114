package io.lumen.api.media;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.Map;

/** Where encoded pictures go: a protocol's packetizer, a recording file, a test. */
@ConsumerType
@FunctionalInterface
public interface AccessUnitSink {

    /** Called on the session's encode thread; the data is valid only during the call. */
    void accept(AccessUnit unit);

    /**
     * The sink's own figures for diagnostics (a protocol's packets sent, FEC blocks, the client's round trip),
     * in the order to show them; any thread may ask. None by default.
     */
    default Map<String, Object> stats() {
        return Map.of();
    }
}
