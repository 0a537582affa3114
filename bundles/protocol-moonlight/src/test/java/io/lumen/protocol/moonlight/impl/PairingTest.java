package io.lumen.protocol.moonlight.impl;

import io.lumen.protocol.moonlight.impl.store.PairedClientStore;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;
import io.lumen.testkit.moonlight.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery and pairing over real HTTP and HTTPS on loopback, by lumen's own Moonlight client. */
@Timeout(120)
class PairingTest {

    @TempDir
    Path dir;

    private RunningHost running;

    @BeforeEach
    void start() throws Exception {
        running = new RunningHost(dir);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void serverInfoOverHttpShowsTheHostButNothingOfItsClients() throws Exception {
        running.paired("phone");
        Reply info = running.client("stranger").http("/serverinfo", "");
        assertEquals(200, info.status());
        assertTrue(info.text().startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root status_code=\"200\">"),
                info.text());
        assertEquals("7.1.431.-1", info.field("appversion"));
        assertEquals("3.23.0.74", info.field("GfeVersion"));
        assertEquals(running.host.uniqueId(), info.field("uniqueid"));
        assertEquals(String.valueOf(running.host.httpsPort()), info.field("HttpsPort"));
        assertEquals(String.valueOf(running.host.httpPort()), info.field("ExternalPort"));
        assertEquals("0", info.field("PairStatus"));
        assertEquals("00:00:00:00:00:00", info.field("mac"), "the MAC only goes to paired clients");
        assertEquals("257", info.field("ServerCodecModeSupport"), "H.264 and HEVC from the encoders");
        assertEquals("SUNSHINE_SERVER_FREE", info.field("state"));
        assertEquals("0", info.field("currentgame"));
        assertNotNull(info.field("gputype"), "moonlight-embedded reads gputype");
        assertNotNull(info.field("GsVersion"), "moonlight-embedded reads GsVersion");
        assertEquals(List.of("1280", "1920", "1920", "2560", "2560", "3840"), info.fields("Width"));
        assertTrue(!info.text().contains("phone"), "no paired-client data for an unpaired caller");
    }

    @Test
    void aClientPairsWithThePinTypedAtTheHostAndIsThenKnownOverHttps() throws Exception {
        MoonlightTestClient client = running.client("roth");
        assertEquals(PairOutcome.PAIRED, client.pair("4711", running.typesPin("4711")));
        assertEquals(List.of("roth"), running.clientNames());
        assertEquals(running.host.identity().certificate(), client.hostCertificate(),
                "the client received and pinned the host's certificate");
        Reply info = client.https("/serverinfo", "");
        assertEquals(200, info.status(), info.toString());
        assertEquals("1", info.field("PairStatus"));
        assertEquals(17, info.field("mac").length());
    }

    @Test
    void theStoreKeepsTheClientAcrossARestartAndTheHostKeepsItsIdentity() throws Exception {
        MoonlightTestClient client = running.paired("tablet");
        String uniqueId = running.host.uniqueId();
        running.close();
        running = new RunningHost(dir);
        assertEquals(uniqueId, running.host.uniqueId());
        MoonlightTestClient again = running.client("tablet", client.identity()).trusting(client.hostCertificate());
        assertEquals("1", again.https("/serverinfo", "").field("PairStatus"));
        assertEquals(1, new PairedClientStore(running.data.resolve("protocol/paired-clients.json")).list().size());
    }

    @Test
    void aWrongPinFailsStoresNothingAndTheNextAttemptMustWait() throws Exception {
        MoonlightTestClient client = running.client("guesser");
        assertEquals(PairOutcome.WRONG_PIN, client.pair("1111", running.typesPin("2222")));
        assertTrue(running.host.clients().isEmpty());
        assertEquals(401, client.https("/serverinfo", "").status(), "a failed pairing trusts nothing");
        // the client gave up after the host's answer: that counts as a wrong PIN, so an attempt right away waits
        assertEquals(PairOutcome.REFUSED, client.pair("1111", () -> { }));
        running.clock.step(Duration.ofSeconds(1)); // the first wrong PIN's wait, stepped over instead of slept
        assertEquals(PairOutcome.PAIRED, client.pair("3333", running.typesPin("3333")));
    }

    @Test
    void phasesOutOfOrderAreRefusedAndEndTheAttempt() throws Exception {
        MoonlightTestClient client = running.client("hasty");
        Reply early = client.http("/pair", "devicename=hasty&clientchallenge=00112233445566778899AABBCCDDEEFF");
        assertEquals("0", early.field("paired"), "a phase without an attempt");
        Reply secret = client.http("/pair", "devicename=hasty&clientpairingsecret=00");
        assertEquals("0", secret.field("paired"));
        assertTrue(running.host.clients().isEmpty());
        assertEquals(PairOutcome.PAIRED, client.pair("1234", running.typesPin("1234")), "the host is still fine");
    }

    @Test
    void malformedAndOversizedRequestsAreRejectedAndTheHostKeepsServing() throws Exception {
        MoonlightTestClient client = running.client("fuzzer");
        assertEquals(404, client.http("/launch", "appid=1").status(), "launch is not on plain HTTP");
        assertEquals(404, client.http("/applist", "").status(), "nor the app list");
        assertEquals(400, client.http("/pair", "phrase=getservercert&salt=zz&clientcert=00").status());
        assertEquals(400, client.http("/pair", "phrase=getservercert&salt=00112233445566778899aabbccddeeff"
                + "&clientcert=00").status(), "a client certificate that is no certificate");
        assertEquals(400, client.http("/pair", "phrase=nonsense").status());
        assertEquals(400, client.http("/pair", "phrase=pairchallenge").status(), "pairchallenge is HTTPS only");
        Reply tooLong = client.http("/serverinfo", "x=" + "a".repeat(20_000));
        assertTrue(tooLong.status() >= 400, "oversized request line: " + tooLong);
        assertTrue(RawHttp.statusLine(running.host.httpPort(), "GET /serverinfo?x=%zz HTTP/1.1\r\nHost: h\r\n\r\n")
                .contains(" 400 "), "a query that does not decode");
        assertTrue(RawHttp.statusLine(running.host.httpPort(), "POST /serverinfo HTTP/1.1\r\nHost: h\r\n"
                + "Content-Length: 3\r\n\r\nabc").contains(" 405 "), "only GET");
        assertTrue(RawHttp.statusLine(running.host.httpPort(), "GET /serverinfo HTTP/1.1\r\nHost: h\r\n"
                + "Content-Length: 100000\r\n\r\n" + "a".repeat(100_000)).contains(" 413 "), "an oversized body");
        assertEquals("", RawHttp.statusLine(running.host.httpPort(), "\u0001\u0002 not http at all\r\n\r\n")
                .replaceAll("HTTP/1.1 400.*", ""), "garbage gets a 400 or a closed connection");
        assertEquals(200, client.http("/unpair", "").status());
        assertEquals(200, client.http("/serverinfo", "").status());
        assertEquals(PairOutcome.PAIRED, client.pair("1234", running.typesPin("1234")));
    }

    @Test
    void unpairOverPlainHttpRemovesNoPairing() throws Exception {
        running.paired("victim");
        assertEquals(200, running.client("attacker").http("/unpair", "").status());
        assertEquals(List.of("victim"), running.clientNames());
    }
}
