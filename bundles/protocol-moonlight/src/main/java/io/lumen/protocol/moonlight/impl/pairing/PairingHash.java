package io.lumen.protocol.moonlight.impl.pairing;

/**
 * The digest of a pairing exchange: SHA-256 for clients that talk to a host reporting appversion major 7 or
 * later (lumen reports 7.1.431.-1), SHA-1 for the generations before.
 */
public enum PairingHash {
    SHA1("SHA-1", 20),
    SHA256("SHA-256", 32);

    private final String algorithm;
    private final int length;

    PairingHash(String algorithm, int length) {
        this.algorithm = algorithm;
        this.length = length;
    }

    public String algorithm() {
        return algorithm;
    }

    public int length() {
        return length;
    }

    /** The digest a client picks from the host's appversion ("7.1.431.-1" and up: SHA-256). */
    public static PairingHash forAppVersion(String appVersion) {
        String major = appVersion.strip().split("\\.", 2)[0];
        try {
            return Integer.parseInt(major) >= 7 ? SHA256 : SHA1;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("appversion \"" + appVersion + "\" does not start with a number");
        }
    }
}
