package io.lumen.protocol.moonlight.impl.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Offers the host's one key and certificate to every handshake that can use a key of its type. Handing them over
 * directly spares the start a PKCS#12 key store, which wraps and unwraps the key with 10,000 rounds of PBKDF2 each
 * way: a few hundred milliseconds of a 2-core machine's start for a store that never leaves memory.
 */
final class HostKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "host";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    HostKeyManager(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.chain = new X509Certificate[] {certificate};
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    /** "RSA", or for TLS 1.2's ECDH suites "EC_RSA": the part before the underscore names the key. */
    private boolean fits(String keyType) {
        if (keyType == null) {
            return false;
        }
        int underscore = keyType.indexOf('_');
        String algorithm = underscore < 0 ? keyType : keyType.substring(0, underscore);
        return algorithm.equalsIgnoreCase(key.getAlgorithm());
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    /** The host only serves; it never presents a client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
