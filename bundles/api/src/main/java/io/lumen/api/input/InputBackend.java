package io.lumen.api.input;

import io.lumen.api.backend.Backend;
import io.lumen.api.backend.BackendException;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Injects a session's input into the host: virtual devices (uinput), an X server (XTest), a compositor's own
 * input protocol. Registered with {@code service.ranking}; the session manager gives each session exactly one,
 * the pinned or best-ranked available one, and swaps it underneath a live session as backends come and go.
 * Since 2.0.
 */
@ConsumerType
public interface InputBackend extends Backend {

    /** The kinds of event it injects; events of other kinds are counted as dropped, not handed to it. */
    Set<InputKind> kinds();

    /**
     * Opens the injector of one session: its virtual devices or its connection to the display. The session
     * manager sends the pads the client already has ({@link GamepadArrival} and {@link GamepadState}) and the keys
     * and buttons it holds right after, so a backend that replaces another takes over where it left.
     *
     * @param feedback where the devices' rumble, LED and motion-sensor requests go back to the client's pads
     * @throws BackendException when the devices cannot be made or the display not reached (the message says why)
     */
    InputSession open(InputRequest request, InputFeedback feedback) throws BackendException;
}
