package io.lumen.protocol.moonlight.impl.web;

import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
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

    /** The name of the client waiting for its PIN, if one is. */
    Optional<String> waitingClient();

    /** Hands the PIN to the waiting client's attempt; false when no client waits. */
    boolean enterPin(String pin);

    List<PairedClient> clients();

    /** Removes a paired client by name or fingerprint; empty when none matched. */
    Optional<PairedClient> unpair(String nameOrFingerprint) throws IOException;

    Optional<LaunchSession> running();
}
