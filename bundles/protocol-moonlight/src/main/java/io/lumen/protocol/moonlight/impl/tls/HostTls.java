package io.lumen.protocol.moonlight.impl.tls;

import io.lumen.protocol.moonlight.impl.identity.HostIdentity;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * TLS for the HTTPS endpoints (PROTOCOL-DETAIL.md 2.2): the host's own certificate, a client certificate
 * required in every handshake but not judged there ({@link AnyClientCertificate}); whether it belongs to a
 * paired client is decided per request, so an unknown client still completes the handshake and hears a 401,
 * which is what makes Moonlight fall back to plain HTTP and offer pairing. TLS 1.2 and 1.3 only.
 */
public final class HostTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;

    public HostTls(HostIdentity identity) throws GeneralSecurityException {
        context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new HostKeyManager(identity.key(), identity.certificate())},
                new TrustManager[] {new AnyClientCertificate()}, new SecureRandom());
    }

    /** A server-side engine for one connection. */
    public SSLEngine newEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        engine.setEnabledProtocols(PROTOCOLS);
        return engine;
    }
}
