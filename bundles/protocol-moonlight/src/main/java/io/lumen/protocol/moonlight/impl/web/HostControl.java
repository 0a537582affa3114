package io.lumen.protocol.moonlight.impl.web;

import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.protocol.moonlight.impl.pairing.PinEntry;
import io.lumen.protocol.moonlight.impl.pairing.WaitingAttempt;
import io.lumen.protocol.moonlight.impl.store.PairedClient;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** What the operator can see and do on the host: the one view the shell commands and the PIN page share. */
public interface HostControl {

    String hostname();

    String uniqueId();

    String certificateFingerprint();

    /** "http 47989, https 47984, ..." for status lines. */
    String listening();

    /** The pairing attempts waiting for their PIN, oldest first. */
    List<WaitingAttempt> waitingClients();

    /**
     * Hands the PIN to the waiting attempt {@code who} names (device name or address); {@code who} may be null
     * when only one waits.
     */
    PinEntry enterPin(String pin, String who);

    /** The name of the client that has waited longest for its PIN, if one waits. */
    default Optional<String> waitingClient() {
        return waitingClients().stream().findFirst().map(WaitingAttempt::deviceName);
    }

    /** Hands the PIN to the one waiting client; false when none, or more than one, waits. */
    default boolean enterPin(String pin) {
        return enterPin(pin, null).sent();
    }

    List<PairedClient> clients();

    /** Removes a paired client by name or fingerprint; empty when none matched. */
    Optional<PairedClient> unpair(String nameOrFingerprint) throws IOException;

    Optional<LaunchSession> running();
}
