package io.lumen.protocol.moonlight.impl.pairing;

import java.time.Instant;

/**
 * A pairing attempt that waits for its PIN, as the operator sees it: the name the client gave and the address it
 * came from (which tells two clients of the same name apart, and a stranger from the device in hand).
 */
public record WaitingAttempt(String deviceName, String address, Instant since) {

    /** "name (address)", the form every list of waiting clients uses. */
    @Override
    public String toString() {
        return deviceName + " (" + address + ")";
    }
}
