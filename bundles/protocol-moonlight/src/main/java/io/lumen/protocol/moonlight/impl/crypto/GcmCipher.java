package io.lumen.protocol.moonlight.impl.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * AES-128-GCM with the launch key ({@code rikey}) as the Moonlight framings use it: no additional data, a 16-byte
 * tag that travels in front of the ciphertext (the JCE appends it), and 12-byte IVs built from a per-direction
 * counter (NIST SP 800-38D's deterministic construction: a counter plus fixed bytes naming direction and stream).
 * One instance per stream and thread: it keeps its Cipher.
 */
public final class GcmCipher {

    public static final int TAG_LENGTH = 16;
    public static final int IV_LENGTH = 12;

    private final SecretKeySpec key;
    private final Cipher cipher;

    public GcmCipher(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("an AES-128 key is 16 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/GCM", e);
        }
    }

    /**
     * The counter IV: the counter little-endian in bytes 0-3, zeros, then {@code fixed10} and {@code fixed11}
     * ('C'/'H' for client or host, then the stream: 'R' RTSP, 'C' control).
     */
    public static byte[] counterIv(int counter, char fixed10, char fixed11) {
        byte[] iv = new byte[IV_LENGTH];
        iv[0] = (byte) counter;
        iv[1] = (byte) (counter >>> 8);
        iv[2] = (byte) (counter >>> 16);
        iv[3] = (byte) (counter >>> 24);
        iv[10] = (byte) fixed10;
        iv[11] = (byte) fixed11;
        return iv;
    }

    /** Encrypts {@code plain} into {@code out} at {@code outOffset}: the tag, then the ciphertext. */
    public void seal(byte[] iv, byte[] plain, int offset, int length, byte[] out, int outOffset) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            byte[] sealed = cipher.doFinal(plain, offset, length);
            System.arraycopy(sealed, length, out, outOffset, TAG_LENGTH);
            System.arraycopy(sealed, 0, out, outOffset + TAG_LENGTH, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The tag and ciphertext for {@code plain}, as one array. */
    public byte[] seal(byte[] iv, byte[] plain) {
        byte[] out = new byte[TAG_LENGTH + plain.length];
        seal(iv, plain, 0, plain.length, out, 0);
        return out;
    }

    /**
     * Decrypts {@code length} bytes at {@code offset} laid out as tag then ciphertext.
     *
     * @throws AEADBadTagException when the tag does not match: a forged, corrupted or wrongly keyed message
     */
    public byte[] open(byte[] iv, byte[] sealed, int offset, int length) throws AEADBadTagException {
        if (length < TAG_LENGTH) {
            throw new AEADBadTagException("shorter than a tag: " + length + " bytes");
        }
        int cipherLength = length - TAG_LENGTH;
        byte[] reordered = new byte[length];
        System.arraycopy(sealed, offset + TAG_LENGTH, reordered, 0, cipherLength);
        System.arraycopy(sealed, offset, reordered, cipherLength, TAG_LENGTH);
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            return cipher.doFinal(reordered);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }
}
