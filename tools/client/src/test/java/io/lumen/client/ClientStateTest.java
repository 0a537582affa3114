package io.lumen.client;

import io.lumen.testkit.moonlight.ClientIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's state directory: made once, read back the same, owner-only, no temporary files left, damage named. */
class ClientStateTest {

    @TempDir
    Path dir;

    @Test
    void theIdentityIsMadeOnceAndReadBack() throws Exception {
        Path stateDir = dir.resolve("state");
        ClientIdentity made = new ClientState(stateDir).identity();
        ClientIdentity read = new ClientState(stateDir).identity();
        assertEquals(made.certificate(), read.certificate());
        assertArrayEquals(made.key().getEncoded(), read.key().getEncoded());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(stateDir.resolve("client-key.pem"))));
        try (var files = Files.list(stateDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aHostCertificateIsPinnedPerHostAndPort() throws Exception {
        ClientState state = new ClientState(dir);
        HostAddress host = new HostAddress("10.0.0.5", 47989);
        assertTrue(state.hostCertificate(host).isEmpty());
        ClientIdentity someone = ClientIdentity.generate();
        state.pinHost(host, someone.certificate());
        assertEquals(someone.certificate(), state.hostCertificate(host).orElseThrow());
        assertTrue(state.hostCertificate(new HostAddress("10.0.0.5", 48989)).isEmpty(), "another base port");
        ClientIdentity next = ClientIdentity.generate();
        state.pinHost(host, next.certificate());
        assertEquals(next.certificate(), state.hostCertificate(host).orElseThrow(), "re-pairing replaces it");
    }

    @Test
    void aDamagedFileIsNamedNotACrash() throws Exception {
        ClientState state = new ClientState(dir);
        state.identity();
        Files.writeString(dir.resolve("client-key.pem"), "garbage");
        IOException damaged = assertThrows(IOException.class, state::identity);
        assertTrue(damaged.getMessage().contains("is damaged"), damaged.getMessage());
        HostAddress host = new HostAddress("h", 47989);
        Files.createDirectories(dir.resolve("hosts"));
        Files.writeString(dir.resolve("hosts/h_47989.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        IOException pinned = assertThrows(IOException.class, () -> state.hostCertificate(host));
        assertTrue(pinned.getMessage().contains("pair with h again"), pinned.getMessage());
    }
}
