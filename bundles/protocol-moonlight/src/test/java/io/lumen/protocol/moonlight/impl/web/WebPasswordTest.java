package io.lumen.protocol.moonlight.impl.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's password file: only a salted hash, read back as the same password, and a damaged file refused. */
class WebPasswordTest {

    @TempDir
    Path dir;

    @Test
    void theStoredHashTakesThePasswordAndNothingElse() throws Exception {
        Path file = dir.resolve("web-password");
        assertTrue(WebPassword.load(file).isEmpty(), "no file: no password yet");
        WebPassword.store(file, "s3cret passphrase");
        WebPassword loaded = WebPassword.load(file).orElseThrow();
        assertTrue(loaded.matches("s3cret passphrase"));
        assertFalse(loaded.matches("s3cret passphrasE"));
        assertFalse(loaded.matches(null));
        assertFalse(loaded.matches("x".repeat(WebPassword.MAX_LENGTH + 1)), "too long to be worth hashing");
        String first = Files.readString(file);
        WebPassword.store(file, "s3cret passphrase");
        assertFalse(first.equals(Files.readString(file)), "a fresh salt each time");
    }

    @Test
    void aDamagedFileIsAClearErrorNotAnEmptyPassword() throws Exception {
        Path file = dir.resolve("web-password");
        for (String damaged : new String[] {"", "hunter2", "pbkdf2-sha256:0:AAAA:AAAA", "pbkdf2-sha256:x:y:z",
                "pbkdf2-sha256:1000:AAAAAAAAAAAAAAAAAAAAAA==:AAAA", "\u00ff\u00fe:::"}) {
            Files.writeString(file, damaged, java.nio.charset.StandardCharsets.ISO_8859_1);
            IOException e = assertThrows(IOException.class, () -> WebPassword.load(file), damaged);
            assertTrue(e.getMessage().contains("delete it and restart"), e.getMessage());
        }
    }

    @Test
    void shortOrHugePasswordsAreRefusedWithAReason() {
        assertNotNull(WebPassword.unacceptable(null));
        assertNotNull(WebPassword.unacceptable("1234567"));
        assertNotNull(WebPassword.unacceptable("x".repeat(WebPassword.MAX_LENGTH + 1)));
        assertNull(WebPassword.unacceptable("12345678"));
    }
}
