package io.lumen.protocol.moonlight.impl.store;

import java.time.Instant;

/**
 * A client allowed on the HTTPS endpoints: known by its certificate (SHA-256 fingerprint), named by the user or
 * by the name it sent when pairing.
 */
public record PairedClient(String name, String fingerprint, String certificatePem, Instant pairedAt,
                           Instant lastSeen) {

    public PairedClient seen(Instant when) {
        return new PairedClient(name, fingerprint, certificatePem, pairedAt, when);
    }
}
