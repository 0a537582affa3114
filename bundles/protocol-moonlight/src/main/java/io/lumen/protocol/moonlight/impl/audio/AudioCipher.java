package io.lumen.protocol.moonlight.impl.audio;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/**
 * Audio payload encryption: AES-128-CBC with PKCS#7 padding under the launch key, a fresh IV per packet made of
 * {@code BE32(rikeyId + sequenceNumber)} (32-bit wrap-around) followed by twelve zero bytes. Sunshine
 * ({@code audioBroadcastThread}) and moonlight-common-c ({@code decodeInputData}) derive it the same way.
 */
final class AudioCipher {

    private final SecretKeySpec key;
    private final int rikeyId;
    private final Cipher cipher;

    AudioCipher(AudioEncryption encryption) {
        this.key = new SecretKeySpec(encryption.key(), "AES");
        this.rikeyId = encryption.rikeyId();
        try {
            this.cipher = Cipher.getInstance("AES/CBC/PKCS5Padding"); // the JDK's name for PKCS#7 on 16-byte blocks
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/CBC/PKCS5Padding", e);
        }
    }

    /** The IV of the packet with {@code sequenceNumber} (0..65535). */
    static byte[] iv(int rikeyId, int sequenceNumber) {
        return ByteBuffer.allocate(16).putInt(rikeyId + sequenceNumber).array();
    }

    /** Ciphertext length for {@code plaintextLength} bytes: always at least one byte of padding. */
    static int encryptedLength(int plaintextLength) {
        return (plaintextLength / 16 + 1) * 16;
    }

    /** Encrypts all of {@code plaintext} into {@code ciphertext} at its position; returns the bytes written. */
    int encrypt(int sequenceNumber, ByteBuffer plaintext, ByteBuffer ciphertext) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv(rikeyId, sequenceNumber)));
            return cipher.doFinal(plaintext, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC failed on an audio packet", e);
        }
    }
}
