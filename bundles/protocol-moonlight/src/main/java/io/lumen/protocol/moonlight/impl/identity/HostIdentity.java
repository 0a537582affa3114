package io.lumen.protocol.moonlight.impl.identity;

import io.lumen.files.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.UUID;

/**
 * Who this host is to clients: its {@code uniqueid} and the RSA key and self-signed certificate it pairs and
 * serves HTTPS with. Made on first start and kept in the data directory (key readable by the owner only);
 * clients pin the certificate when they pair, so losing it unpairs every client.
 */
public record HostIdentity(String uniqueId, PrivateKey key, X509Certificate certificate) {

    static final String COMMON_NAME = "lumen GameStream Host";
    private static final String UNIQUE_ID = "uniqueid";
    private static final String KEY = "host-key.pem";
    private static final String CERTIFICATE = "host-cert.pem";

    /**
     * The identity kept in {@code dir}, or a new one written there. Files it cannot parse, or a key or
     * certificate missing beside an existing unique id, are an error: silently replacing them would unpair
     * every client.
     */
    public static HostIdentity loadOrCreate(Path dir, System.Logger log) throws IOException {
        Path uniqueIdFile = dir.resolve(UNIQUE_ID);
        Path keyFile = dir.resolve(KEY);
        Path certificateFile = dir.resolve(CERTIFICATE);
        for (Path file : new Path[] {uniqueIdFile, keyFile, certificateFile}) {
            AtomicFiles.removeLeftovers(file);
        }
        if (Files.exists(uniqueIdFile)) { // written last: without it no identity was ever complete
            for (Path file : new Path[] {keyFile, certificateFile}) {
                if (!Files.exists(file)) {
                    throw new IOException("host identity in " + dir + " is incomplete: " + file.getFileName()
                            + " is missing (restore it, or remove " + UNIQUE_ID + " to make a new identity and"
                            + " re-pair every client)");
                }
            }
            HostIdentity identity = new HostIdentity(Files.readString(uniqueIdFile).strip(),
                    Certificates.parsePrivateKey(Files.readString(keyFile)),
                    Certificates.parseCertificate(Files.readString(certificateFile)));
            log.log(System.Logger.Level.INFO, "host identity " + identity.uniqueId() + " loaded, certificate "
                    + Certificates.fingerprint(identity.certificate()));
            return identity;
        }
        Certificates.KeyPairAndCertificate created = Certificates.selfSigned(COMMON_NAME);
        HostIdentity identity = new HostIdentity(UUID.randomUUID().toString().toUpperCase(), created.key(),
                created.certificate());
        // the unique id last: a first start interrupted before it simply starts over next time
        AtomicFiles.write(keyFile, Certificates.pem(identity.key()).getBytes(StandardCharsets.US_ASCII),
                PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(certificateFile,
                Certificates.pem(identity.certificate()).getBytes(StandardCharsets.US_ASCII), null);
        AtomicFiles.write(uniqueIdFile, (identity.uniqueId() + "\n").getBytes(StandardCharsets.US_ASCII), null);
        log.log(System.Logger.Level.INFO, "host identity " + identity.uniqueId() + " created, certificate "
                + Certificates.fingerprint(identity.certificate()));
        return identity;
    }
}
