package io.lumen.client;

import io.lumen.testkit.moonlight.ClientIdentity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * What the client keeps between runs, in one directory: its key and certificate (made on first use, the identity
 * every host pairs), and per host the certificate received while pairing, which later connections pin. Every file is
 * written to a temporary name and renamed, so a crash leaves the old file or the new one, never half of one.
 */
final class ClientState {

    private static final String KEY = "client-key.pem";
    private static final String CERTIFICATE = "client-cert.pem";
    private static final String HOSTS = "hosts";

    private final Path dir;

    ClientState(Path dir) {
        this.dir = dir;
    }

    /** {@code ~/.config/lumen-client}, or under {@code $XDG_CONFIG_HOME} when set. */
    static Path defaultDir() {
        String config = System.getenv("XDG_CONFIG_HOME");
        Path base = config == null || config.isBlank() ? Path.of(System.getProperty("user.home"), ".config")
                : Path.of(config);
        return base.resolve("lumen-client");
    }

    Path dir() {
        return dir;
    }

    /** The client's identity, made and saved the first time. */
    ClientIdentity identity() throws IOException {
        Path key = dir.resolve(KEY);
        Path certificate = dir.resolve(CERTIFICATE);
        if (Files.exists(key) && Files.exists(certificate)) {
            try {
                return new ClientIdentity(parseKey(Files.readString(key)),
                        parseCertificate(Files.readString(certificate)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException("the client identity in " + dir + " is damaged (" + e.getMessage()
                        + "): remove " + KEY + " and " + CERTIFICATE + ", then pair again", e);
            }
        }
        ClientIdentity identity = ClientIdentity.generate();
        writeAtomically(key, pem("PRIVATE KEY", identity.key().getEncoded()));
        writeAtomically(certificate, identity.certificatePem());
        return identity;
    }

    /** The certificate pinned for {@code host}, if this client paired with it. */
    Optional<X509Certificate> hostCertificate(HostAddress host) throws IOException {
        Path file = hostFile(host);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parseCertificate(Files.readString(file)));
        } catch (GeneralSecurityException e) {
            throw new IOException("the pinned certificate " + file + " is damaged: pair with " + host + " again", e);
        }
    }

    void pinHost(HostAddress host, X509Certificate certificate) throws IOException {
        try {
            writeAtomically(hostFile(host), pem("CERTIFICATE", certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the host certificate", e);
        }
    }

    private Path hostFile(HostAddress host) {
        return dir.resolve(HOSTS).resolve(host.fileName() + ".pem");
    }

    private void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            restrict(dir, "rwx------");
            restrict(parent, "rwx------");
        }
        Path temporary = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            restrict(temporary, "rw-------");
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Owner-only where the file system has POSIX permissions; elsewhere the directory's defaults apply. */
    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + type + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static PrivateKey parseKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
    }

    private static X509Certificate parseCertificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
