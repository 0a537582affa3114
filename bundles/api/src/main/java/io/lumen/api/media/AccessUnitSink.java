package io.lumen.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/** Where encoded pictures go: a protocol's packetizer, a recording file, a test. */
@ConsumerType
@FunctionalInterface
public interface AccessUnitSink {

    /** Called on the session's encode thread; the data is valid only during the call. */
    void accept(AccessUnit unit);
}
