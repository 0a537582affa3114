package io.lumen.protocol.moonlight.impl.pairing;

import io.lumen.protocol.moonlight.impl.identity.Certificates;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pairing primitives against the facts of PROTOCOL-DETAIL.md 11.1, and one exchange played by both sides. */
class PairingCryptoTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void pinKeysOfTheRecordedExchanges() {
        assertEquals("5ea186ffba663c75aec82187ce502647",
                HEX.formatHex(PairingCrypto.aesKey(PairingHash.SHA256, HEX.parseHex("ff5dc6eda99339a8a0793e216c4257c4"), "5338")));
        assertEquals("8a0191f59f31950d5de3396901aa585d",
                HEX.formatHex(PairingCrypto.aesKey(PairingHash.SHA256, HEX.parseHex("a0c288cfb0ea624ec3e5cc54d6ab7e38"), "7284")));
    }

    @Test
    void challengeEncryption() {
        byte[] key = HEX.parseHex("5ea186ffba663c75aec82187ce502647");
        byte[] encrypted = PairingCrypto.encrypt(key, "CLIENT CHALLENGE".getBytes(StandardCharsets.US_ASCII));
        assertEquals("741cd3d6890c16da39d53bca0893aaf0", HEX.formatHex(encrypted));
        assertEquals("CLIENT CHALLENGE", new String(PairingCrypto.decrypt(key, encrypted), StandardCharsets.US_ASCII));
    }

    @Test
    void digestFollowsTheHostVersion() {
        assertEquals(PairingHash.SHA256, PairingHash.forAppVersion("7.1.431.-1"));
        assertEquals(PairingHash.SHA1, PairingHash.forAppVersion("5.0.1"));
        assertThrows(IllegalArgumentException.class, () -> PairingHash.forAppVersion("seven"));
    }

    @Test
    void malformedInputIsRejected() {
        byte[] key = new byte[16];
        assertThrows(IllegalArgumentException.class, () -> PairingCrypto.decrypt(key, new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> PairingCrypto.decrypt(key, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> PairingCrypto.encrypt(new byte[8], new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> PairingCrypto.aesKey(PairingHash.SHA256, new byte[16], "12a4"));
        assertThrows(IllegalArgumentException.class, () -> PairingCrypto.aesKey(PairingHash.SHA256, new byte[15], "1234"));
    }

    /**
     * Both halves of phases 2-4 with fresh certificates: the host's checks pass with the right PIN, and with a
     * PIN typed wrong at the host the client's secret no longer matches what the host derived.
     */
    @Test
    void anExchangeVerifiesOnlyWithTheSamePin() {
        Certificates.KeyPairAndCertificate host = Certificates.selfSigned("host");
        Certificates.KeyPairAndCertificate client = Certificates.selfSigned("NVIDIA GameStream Client");
        byte[] salt = PairingCrypto.random(16);
        assertTrue(exchange(host, client, salt, "4711", "4711"));
        assertFalse(exchange(host, client, salt, "4711", "4712"));
    }

    private static boolean exchange(Certificates.KeyPairAndCertificate host, Certificates.KeyPairAndCertificate client,
                                    byte[] salt, String clientPin, String hostPin) {
        PairingHash h = PairingHash.SHA256;
        byte[] clientKey = PairingCrypto.aesKey(h, salt, clientPin);
        byte[] hostKey = PairingCrypto.aesKey(h, salt, hostPin);
        byte[] hostSig = host.certificate().getSignature();
        byte[] clientSig = client.certificate().getSignature();
        // phase 2: client challenge -> host answers with H(challenge || host sig || host secret) || host challenge
        byte[] clientChallenge = PairingCrypto.random(16);
        byte[] received = PairingCrypto.decrypt(hostKey, PairingCrypto.encrypt(clientKey, clientChallenge));
        byte[] hostSecret = PairingCrypto.random(16);
        byte[] hostChallenge = PairingCrypto.random(16);
        byte[] response = PairingCrypto.encrypt(hostKey, PairingCrypto.concat(PairingCrypto.digest(h, received, hostSig, hostSecret),
                hostChallenge));
        byte[] opened = PairingCrypto.decrypt(clientKey, response);
        byte[] hostHash = Arrays.copyOf(opened, 32);
        byte[] challengeForClient = Arrays.copyOfRange(opened, 32, 48);
        // phase 3: client answers the host challenge; host sends its signed secret
        byte[] clientSecret = PairingCrypto.random(16);
        byte[] clientHash = PairingCrypto.decrypt(hostKey, PairingCrypto.encrypt(clientKey,
                PairingCrypto.digest(h, challengeForClient, clientSig, clientSecret)));
        byte[] hostSecretSignature = PairingCrypto.sign(host.key(), hostSecret);
        boolean clientTrustsHost = PairingCrypto.verify(host.certificate(), hostSecret, hostSecretSignature)
                && PairingCrypto.same(hostHash, PairingCrypto.digest(h, clientChallenge, hostSig, hostSecret));
        // phase 4: client sends its signed secret; host checks the hash from phase 3 and the signature
        byte[] clientSecretSignature = PairingCrypto.sign(client.key(), clientSecret);
        boolean hostTrustsClient = PairingCrypto.same(Arrays.copyOf(clientHash, 32),
                PairingCrypto.digest(h, hostChallenge, clientSig, clientSecret))
                && PairingCrypto.verify(client.certificate(), clientSecret, clientSecretSignature);
        assertEquals(clientTrustsHost, hostTrustsClient, "both sides reach the same verdict");
        assertFalse(PairingCrypto.verify(client.certificate(), clientSecret, hostSecretSignature),
                "a signature by another key never verifies");
        return hostTrustsClient;
    }
}
