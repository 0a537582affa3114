package io.lumen.protocol.moonlight.impl.store;

import java.time.Instant;

/**
 * A client allowed on the HTTPS endpoints: known by its certificate (SHA-256 fingerprint), named by the user or
 * by the name it sent when pairing.
 *
 * @param shown the stream encryption it has shown it can do (a later launch asking for less is refused)
 */
public record PairedClient(String name, String fingerprint, String certificatePem, Instant pairedAt,
                           Instant lastSeen, EncryptionShown shown) {

    public PairedClient {
        shown = shown == null ? EncryptionShown.NONE : shown;
    }

    /** A client that has shown nothing yet (just paired). */
    public PairedClient(String name, String fingerprint, String certificatePem, Instant pairedAt, Instant lastSeen) {
        this(name, fingerprint, certificatePem, pairedAt, lastSeen, EncryptionShown.NONE);
    }

    public PairedClient seen(Instant when) {
        return new PairedClient(name, fingerprint, certificatePem, pairedAt, when, shown);
    }

    public PairedClient showed(EncryptionShown more) {
        return new PairedClient(name, fingerprint, certificatePem, pairedAt, lastSeen, shown.and(more));
    }
}
