package io.lumen.testkit.moonlight;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;

/**
 * A Moonlight client's identity as the real clients make it: an RSA-2048 key and a self-signed SHA256withRSA
 * certificate named "NVIDIA GameStream Client". {@link #presenting} pairs a key with someone else's certificate,
 * which is how a client would try to pass for another.
 */
public record ClientIdentity(PrivateKey key, X509Certificate certificate) {

    public static ClientIdentity generate() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair pair = rsa.generateKeyPair();
            X500Name subject = new X500Name("CN=NVIDIA GameStream Client");
            long now = System.currentTimeMillis();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now),
                    new Date(now - 60_000), new Date(now + 10L * 365 * 86_400_000), subject, pair.getPublic());
            return new ClientIdentity(pair.getPrivate(), new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()))));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a client identity", e);
        }
    }

    /** This identity's key with {@code other}'s certificate: a replay of a certificate without its key. */
    public ClientIdentity presenting(ClientIdentity other) {
        return new ClientIdentity(key, other.certificate);
    }

    /** The certificate as PEM text, which the client sends hex-encoded in the first pairing phase. */
    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
