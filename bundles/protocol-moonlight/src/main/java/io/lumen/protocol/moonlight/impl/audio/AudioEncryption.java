package io.lumen.protocol.moonlight.impl.audio;

/**
 * The launch's AES key and IV seed, for a session that negotiated audio encryption ({@code SS_ENC_AUDIO} in
 * {@code x-ss-general.encryptionEnabled}, or the legacy {@code x-nv-general.featureFlags & 0x20}).
 *
 * @param key     the 16-byte {@code rikey} of /launch
 * @param rikeyId the {@code rikeyid} of /launch; each packet's IV starts with {@code BE32(rikeyId + sequence)}
 */
public record AudioEncryption(byte[] key, int rikeyId) {

    public AudioEncryption {
        if (key.length != 16) {
            throw new IllegalArgumentException("the audio key is AES-128: 16 bytes, not " + key.length);
        }
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AudioEncryption that && rikeyId == that.rikeyId
                && java.util.Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(key) + rikeyId;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "AudioEncryption[rikeyId=" + rikeyId + "]";
    }
}
