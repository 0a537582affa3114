package io.lumen.protocol.moonlight.impl.pairing;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The primitives of Moonlight pairing (PROTOCOL-DETAIL.md 2.4): the PIN-derived AES-128 key, AES-ECB without
 * padding for challenges, digests over concatenations, and SHA256withRSA signatures over the secrets.
 */
public final class PairingCrypto {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PairingCrypto() {
    }

    /** The first 16 bytes of H(salt || PIN as ASCII). */
    public static byte[] aesKey(PairingHash hash, byte[] salt, String pin) {
        if (salt.length != 16) {
            throw new IllegalArgumentException("salt is " + salt.length + " bytes, must be 16");
        }
        if (!pin.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("a PIN is four digits");
        }
        return Arrays.copyOf(digest(hash, salt, pin.getBytes(StandardCharsets.US_ASCII)), 16);
    }

    /** AES-128-ECB of {@code data} zero-padded to whole blocks (as clients pad). */
    public static byte[] encrypt(byte[] key, byte[] data) {
        byte[] padded = Arrays.copyOf(data, (data.length + 15) / 16 * 16);
        return aes(Cipher.ENCRYPT_MODE, key, padded);
    }

    /** AES-128-ECB decryption; the input must be whole blocks. */
    public static byte[] decrypt(byte[] key, byte[] data) {
        if (data.length == 0 || data.length % 16 != 0) {
            throw new IllegalArgumentException("ciphertext of " + data.length + " bytes is not whole AES blocks");
        }
        return aes(Cipher.DECRYPT_MODE, key, data);
    }

    public static byte[] digest(PairingHash hash, byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance(hash.algorithm());
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hash.algorithm() + " missing from this JDK", e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the host key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signature} is the certificate owner's SHA256withRSA signature of {@code data}. */
    public static boolean verify(X509Certificate certificate, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        RANDOM.nextBytes(out);
        return out;
    }

    /** The parts one after another, as the pairing messages join hashes, challenges, secrets and signatures. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Constant-time comparison, for hashes an attacker may probe. */
    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    private static byte[] aes(int mode, byte[] key, byte[] data) {
        if (key.length != 16) {
            throw new IllegalArgumentException("AES key is " + key.length + " bytes, must be 16");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding failed: " + e.getMessage(), e);
        }
    }
}
