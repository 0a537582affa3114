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
     * {@link System#nanoTime()} when the last packet of the last picture this sink sent left the host, or -1 when
     * the sink does not know (a recording; the default). The session asks right after {@link #accept} returns: a
     * time from before that call means the picture was not sent (no client yet, the stream closed). A sink that
     * sends on the calling thread records the time its last packet went; this is how a session times what its
     * client sees of a backend swap rather than when the new encoder's first picture came out.
     *
     * @since 1.2
     */
    default long lastSentNanos() {
        return -1;
    }

    /**
     * The sink's own figures for diagnostics (a protocol's packets sent, FEC blocks, the client's round trip),
     * in the order to show them; any thread may ask. None by default.
     */
    default Map<String, Object> stats() {
        return Map.of();
    }
}
