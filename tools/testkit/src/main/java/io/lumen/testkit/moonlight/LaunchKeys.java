package io.lumen.testkit.moonlight;

import java.security.SecureRandom;

/**
 * What a client makes up for each launch and sends with it: the AES key of every encrypted stream and the IV
 * seed of the audio stream. The streaming test client needs them back to decrypt.
 */
public record LaunchKeys(byte[] rikey, int rikeyId) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public LaunchKeys {
        if (rikey.length != 16) {
            throw new IllegalArgumentException("rikey is 16 bytes");
        }
        rikey = rikey.clone();
    }

    @Override
    public byte[] rikey() {
        return rikey.clone();
    }

    public static LaunchKeys random() {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        return new LaunchKeys(key, RANDOM.nextInt());
    }
}
