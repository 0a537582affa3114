package io.lumen.api.input;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Takes client input into the host: a uinput/uhid injector, libei, a recorder. Registered as a service; every
 * registered sink sees every event of every session.
 * <p>
 * Calls come on the protocol's control thread of the session concerned, one at a time per session, in the order
 * the client sent the events. Different sessions may call concurrently.
 * <p>
 * A sink registered while a session runs sees that session's events from then on: it may first meet a pad by its
 * {@link GamepadState} rather than its {@link GamepadArrival}. A sink that is unregistered releases whatever it
 * holds pressed and unplugs its virtual devices itself; it gets no {@link #sessionEnded} for the sessions still
 * running.
 */
@ConsumerType
public interface InputSink {

    /**
     * One event. Must not block: the client's whole control stream (pings, keyframe requests) waits behind it.
     * A sink that throws is logged once and skipped for that event; the stream goes on.
     */
    void accept(InputEvent event);

    /**
     * The session's client is gone (it left, timed out, or the launch ended). Release the keys and buttons it
     * still holds and unplug its pads; no more events of that session follow.
     */
    default void sessionEnded(String sessionId) {
    }
}
