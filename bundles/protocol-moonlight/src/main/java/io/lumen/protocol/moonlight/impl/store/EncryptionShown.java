package io.lumen.protocol.moonlight.impl.store;

/**
 * What a paired client has shown it can do, remembered so that a later launch asking for less is a downgrade the
 * host refuses: a client cannot unlearn encrypted RTSP or the version-2 control IVs, but an attacker replaying or
 * forging its requests would like the host to believe it had.
 *
 * @param encryptedRtsp it launched with {@code corever} 1 or more
 * @param controlV2     it streamed with SS_ENC_CONTROL_V2
 */
public record EncryptionShown(boolean encryptedRtsp, boolean controlV2) {

    public static final EncryptionShown NONE = new EncryptionShown(false, false);

    /** Everything either has shown. */
    public EncryptionShown and(EncryptionShown more) {
        return new EncryptionShown(encryptedRtsp || more.encryptedRtsp, controlV2 || more.controlV2);
    }

    /** Whether {@code more} adds nothing to this. */
    public boolean covers(EncryptionShown more) {
        return and(more).equals(this);
    }
}
