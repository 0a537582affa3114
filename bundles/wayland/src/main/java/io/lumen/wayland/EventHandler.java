package io.lumen.wayland;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears a proxy's events, on the connection's dispatch thread, with the {@link Arguments} valid during the call. */
@ConsumerType
@FunctionalInterface
public interface EventHandler {

    /** Events of an object nothing listens to. */
    EventHandler IGNORE = (proxy, opcode, args) -> {
    };

    void event(WaylandProxy proxy, int opcode, Arguments args);
}
