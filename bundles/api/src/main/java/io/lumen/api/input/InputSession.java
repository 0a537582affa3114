package io.lumen.api.input;

import io.lumen.api.backend.BackendException;

import org.osgi.annotation.versioning.ConsumerType;

import java.util.Map;

/**
 * One session's injector, opened by {@link InputBackend#open}. Since 2.0.
 * <p>
 * Calls come on the session's control thread, one at a time, in the order the client sent the events. The time
 * from an event's arrival to {@link #accept} returning is the session's input latency, so it writes the event and
 * returns: it must not wait for the host to react.
 */
@ConsumerType
public interface InputSession extends AutoCloseable {

    /**
     * Injects one event of a kind {@link InputBackend#kinds()} names.
     *
     * @throws BackendException when the device or display is gone; the session manager then chooses another
     *                          backend, and the event counts as dropped
     */
    void accept(InputEvent event) throws BackendException;

    /**
     * Events this session took but could not inject, by reason ("no Mutter cast for the session"), counted since
     * it opened; the session manager shows them beside its own drops. Called from diagnostics on any thread, so
     * it is cheap and thread-safe. Since 2.1.
     */
    default Map<String, Long> dropped() {
        return Map.of();
    }

    /**
     * Unplugs the session's virtual devices and disconnects, releasing anything still held down (the session
     * manager releases the client's keys and buttons through {@link #accept} first; this covers what it cannot
     * know of). Idempotent; may run on another thread than {@link #accept}, never concurrently with it.
     */
    @Override
    void close();
}
