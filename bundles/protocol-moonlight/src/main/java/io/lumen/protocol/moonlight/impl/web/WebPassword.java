package io.lumen.protocol.moonlight.impl.web;

import io.lumen.files.AtomicFiles;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The PIN page's password, kept only as a salted PBKDF2-HMAC-SHA256 hash in one line of one file
 * ({@code pbkdf2-sha256:<iterations>:<salt>:<hash>}, Base64), replaced atomically and readable by the host's user
 * only. The iteration count is stored with the hash, so a later default applies to the next password set without
 * locking out the current one.
 */
final class WebPassword {

    /** OWASP's current figure for PBKDF2-HMAC-SHA256: about a quarter second per guess on a desktop core. */
    static final int ITERATIONS = 600_000;
    static final int MIN_LENGTH = 8;
    /** Far more than anyone types; bounds what one login can make the host hash. */
    static final int MAX_LENGTH = 256;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private WebPassword(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** The password kept in {@code file}; empty when none is set yet. A file in another shape is an error. */
    static Optional<WebPassword> load(Path file) throws IOException {
        AtomicFiles.removeLeftovers(file);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String[] parts = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).strip().split(":");
        try {
            if (parts.length != 4 || !parts[0].equals(SCHEME)) {
                throw new IllegalArgumentException("not " + SCHEME + ":<iterations>:<salt>:<hash>");
            }
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || salt.length < SALT_BYTES || hash.length != HASH_BYTES) {
                throw new IllegalArgumentException("iterations, salt or hash out of range");
            }
            return Optional.of(new WebPassword(iterations, salt, hash));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a PIN page password (" + e.getMessage()
                    + "); delete it and restart to set a new one", e);
        }
    }

    /** Hashes {@code password} with a fresh salt and stores it in {@code file}, replacing any earlier one. */
    static WebPassword store(Path file, String password) throws IOException {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        WebPassword stored = new WebPassword(ITERATIONS, salt, derive(password, salt, ITERATIONS));
        Base64.Encoder base64 = Base64.getEncoder();
        String line = SCHEME + ":" + ITERATIONS + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(stored.hash) + "\n";
        AtomicFiles.write(file, line.getBytes(StandardCharsets.US_ASCII), PosixFilePermissions.fromString("rw-------"));
        return stored;
    }

    /** Whether {@code password} is this one; slow on purpose (see {@link #ITERATIONS}). */
    boolean matches(String password) {
        if (password == null || password.length() > MAX_LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /** Why {@code password} cannot be the page's password, or null when it can. */
    static String unacceptable(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "A password has at least " + MIN_LENGTH + " characters.";
        }
        if (password.length() > MAX_LENGTH) {
            return "A password has at most " + MAX_LENGTH + " characters.";
        }
        return null;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
