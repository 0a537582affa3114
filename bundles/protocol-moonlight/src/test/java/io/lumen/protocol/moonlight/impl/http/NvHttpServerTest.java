package io.lumen.protocol.moonlight.impl.http;

import io.lumen.protocol.moonlight.impl.identity.Certificates;
import io.lumen.protocol.moonlight.impl.identity.HostIdentity;
import io.lumen.protocol.moonlight.impl.pairing.PairingCrypto;
import io.lumen.protocol.moonlight.impl.pairing.PairingHash;
import io.lumen.protocol.moonlight.impl.pairing.PairingService;
import io.lumen.protocol.moonlight.impl.store.PairedClientStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-HTTP endpoints over real HTTP on loopback, with a client that pairs the way Moonlight does. */
@Timeout(60)
class NvHttpServerTest {

    private static final System.Logger LOG = System.getLogger("test");
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    private HostIdentity host;
    private PairedClientStore store;
    private PairingService pairing;
    private NvHttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        host = HostIdentity.loadOrCreate(dir.resolve("identity"), LOG);
        store = new PairedClientStore(dir.resolve("clients.json"));
        pairing = new PairingService(host, store, Clock.systemUTC(), LOG);
        server = NvHttpServer.start(InetAddress.getLoopbackAddress(), 0,
                () -> new HostInfo("testhost", host.uniqueId(), 47989, 47984, 0x1, 0, false), pairing, LOG);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private static String common() {
        return "uniqueid=0123456789ABCDEF&uuid=" + UUID.randomUUID() + "&devicename=roth&updateState=1";
    }

    @Test
    void serverInfoForAnUnpairedCaller() throws Exception {
        HttpResponse<String> response = get("/serverinfo?" + common());
        assertEquals(200, response.statusCode());
        String xml = response.body();
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root status_code=\"200\">"), xml);
        assertEquals("7.1.431.-1", field(xml, "appversion"));
        assertEquals("3.23.0.74", field(xml, "GfeVersion"));
        assertEquals(host.uniqueId(), field(xml, "uniqueid"));
        assertEquals("47984", field(xml, "HttpsPort"));
        assertEquals("0", field(xml, "PairStatus"));
        assertEquals("00:00:00:00:00:00", field(xml, "mac"));
        assertEquals("SUNSHINE_SERVER_FREE", field(xml, "state"));
        assertEquals("close", response.headers().firstValue("connection").orElse(""));
    }

    @Test
    void aClientPairsOverHttpWithThePinEnteredAtTheHost() throws Exception {
        assertTrue(pairOverHttp("4711", "4711"));
        assertEquals(1, store.list().size());
        assertEquals("roth", store.list().get(0).name());
    }

    @Test
    void aWrongPinIsAnsweredNotPairedAndStoresNothing() throws Exception {
        assertTrue(!pairOverHttp("1111", "2222"));
        assertTrue(store.list().isEmpty());
        assertEquals(200, get("/serverinfo?" + common()).statusCode(), "the host keeps serving");
    }

    @Test
    void badRequestsAreRejectedAndTheHostKeepsServing() throws Exception {
        assertEquals(404, get("/launch?" + common()).statusCode(), "launch is not on plain HTTP");
        assertEquals(400, get("/pair?" + common() + "&phrase=getservercert&salt=zz&clientcert=00").statusCode());
        assertEquals(400, get("/pair?" + common() + "&phrase=getservercert&salt=00112233445566778899aabbccddeeff"
                + "&clientcert=00").statusCode(), "a client certificate that is no certificate");
        assertEquals(400, get("/pair?phrase=getservercert").statusCode(), "no uniqueid");
        String pairedZero = get("/pair?" + common() + "&clientchallenge=00112233445566778899aabbccddeeff").body();
        assertEquals("0", field(pairedZero, "paired"), "a phase without an attempt");
        HttpResponse<String> tooLong = get("/serverinfo?" + common() + "&x=" + "a".repeat(20_000));
        assertTrue(tooLong.statusCode() >= 400, "oversized request line: " + tooLong.statusCode());
        assertEquals(200, get("/unpair?" + common()).statusCode());
        assertEquals(200, get("/serverinfo?" + common()).statusCode());
    }

    /** Phases 1-4 as Moonlight sends them; returns whether the host answered paired=1 at the end. */
    private boolean pairOverHttp(String clientPin, String hostPin) throws Exception {
        Certificates.KeyPairAndCertificate client = Certificates.selfSigned("NVIDIA GameStream Client");
        byte[] salt = PairingCrypto.random(16);
        String certHex = HEX.formatHex(Certificates.pem(client.certificate()).getBytes(StandardCharsets.US_ASCII));
        CompletableFuture<HttpResponse<String>> phase1 = getAsync("/pair?" + common() + "&phrase=getservercert&salt="
                + HEX.formatHex(salt) + "&clientcert=" + certHex);
        while (pairing.waitingClient() == null) {
            Thread.sleep(10);
        }
        assertTrue(pairing.enterPin(hostPin));
        String plainCert = new String(HEX.parseHex(field(phase1.get().body(), "plaincert")), StandardCharsets.US_ASCII);
        assertEquals(host.certificate(), Certificates.parseCertificate(plainCert));

        byte[] key = PairingCrypto.aesKey(PairingHash.SHA256, salt, clientPin);
        byte[] challenge = PairingCrypto.random(16);
        String phase2 = get("/pair?" + common() + "&clientchallenge="
                + HEX.formatHex(PairingCrypto.encrypt(key, challenge))).body();
        assertEquals("1", field(phase2, "paired"));
        byte[] response = PairingCrypto.decrypt(key, HEX.parseHex(field(phase2, "challengeresponse")));
        byte[] hostChallenge = Arrays.copyOfRange(response, 32, 48);
        byte[] secret = PairingCrypto.random(16);
        String phase3 = get("/pair?" + common() + "&serverchallengeresp=" + HEX.formatHex(PairingCrypto.encrypt(key,
                PairingCrypto.digest(PairingHash.SHA256, hostChallenge, client.certificate().getSignature(), secret))))
                .body();
        byte[] pairingSecret = HEX.parseHex(field(phase3, "pairingsecret"));
        boolean hostGenuine = PairingCrypto.verify(host.certificate(), Arrays.copyOf(pairingSecret, 16),
                Arrays.copyOfRange(pairingSecret, 16, pairingSecret.length));
        assertTrue(hostGenuine, "the host signed its secret with its certificate's key");
                String phase4 = get("/pair?" + common() + "&clientpairingsecret="
                + HEX.formatHex(PairingCrypto.concat(secret, PairingCrypto.sign(client.key(), secret)))).body();
        return "1".equals(field(phase4, "paired"));
    }
}
