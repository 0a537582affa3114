package io.lumen.protocol.moonlight.impl.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostIdentityTest {

    private static final System.Logger LOG = System.getLogger("test");

    @TempDir
    Path dir;

    @Test
    void madeOnceThenKept() throws Exception {
        HostIdentity first = HostIdentity.loadOrCreate(dir, LOG);
        HostIdentity again = HostIdentity.loadOrCreate(dir, LOG);
        assertEquals(first.uniqueId(), again.uniqueId());
        assertEquals(first.certificate(), again.certificate());
        assertEquals(first.key(), again.key());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("host-key.pem"))));
        var certificate = first.certificate();
        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey()); // self-signed
        assertEquals("SHA256withRSA", certificate.getSigAlgName());
        assertEquals(2048, ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength());
        assertTrue(certificate.getNotAfter().toInstant().isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(19 * 365))));
        assertEquals(256, certificate.getSignature().length, "clients hash the raw 256-byte signature");
    }

    @Test
    void aMissingKeyIsAnErrorNotASilentNewIdentity() throws Exception {
        HostIdentity.loadOrCreate(dir, LOG);
        Files.delete(dir.resolve("host-key.pem"));
        IOException e = assertThrows(IOException.class, () -> HostIdentity.loadOrCreate(dir, LOG));
        assertTrue(e.getMessage().contains("host-key.pem is missing"), e.getMessage());
    }

    @Test
    void aFirstStartCutShortStartsOver() throws Exception {
        HostIdentity first = HostIdentity.loadOrCreate(dir, LOG);
        Files.delete(dir.resolve("uniqueid")); // as if killed before the last write
        Files.writeString(dir.resolve(".host-key.pem.tmp-x"), "torn");
        HostIdentity second = HostIdentity.loadOrCreate(dir, LOG);
        assertNotEquals(first.certificate(), second.certificate());
        assertTrue(Files.notExists(dir.resolve(".host-key.pem.tmp-x")), "temporaries of a crash are cleaned up");
    }

    @Test
    void garbageIsReportedNotReplaced() throws Exception {
        HostIdentity.loadOrCreate(dir, LOG);
        Files.writeString(dir.resolve("host-cert.pem"), "not a certificate");
        assertThrows(IllegalArgumentException.class, () -> HostIdentity.loadOrCreate(dir, LOG));
        assertEquals("not a certificate", Files.readString(dir.resolve("host-cert.pem")));
    }
}
