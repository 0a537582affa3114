package io.lumen.launcher;

import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.FreeBasePort;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.MoonlightTestClient.PairOutcome;
import io.lumen.testkit.moonlight.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution as a Moonlight user meets it: the host started by bin/lumen, a client pairing with the PIN
 * typed through {@code bin/lumen cmd lumen:pair}, listing and launching the app of conf/apps.conf, and the
 * operator's {@code lumen:clients} and {@code lumen:unpair}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MoonlightHostProcessIT {

    private static HostProcess host;
    private static int base;
    private static MoonlightTestClient client;

    @BeforeAll
    static void startHost() throws Exception {
        base = FreeBasePort.find();
        host = new HostProcess(Files.createTempDirectory("lumen-moonlight-it-"),
                "-Dlumen.port=" + base + " -Dlumen.mdns=false").start();
        host.awaitLine("moonlight host");
        client = new MoonlightTestClient("127.0.0.1", base, base - 5, ClientIdentity.generate(), "it-client");
    }

    @AfterAll
    static void stopHost() {
        host.close();
    }

    @Test
    @Order(1)
    void theHostAnswersServerInfoOnItsPorts() throws Exception {
        Reply info = client.http("/serverinfo", "");
        assertEquals(200, info.status(), info.toString());
        assertEquals(String.valueOf(base - 5), info.field("HttpsPort"));
        assertEquals("0", info.field("PairStatus"));
        String backends = host.cmd("lumen:backends").output();
        boolean hevc = backends.lines().anyMatch(l -> l.contains("libav-x265") && l.contains(" available"));
        assertEquals(String.valueOf(hevc ? 0x301 : 0x1), info.field("ServerCodecModeSupport"),
                "H.264 always (java-h264), HEVC and HEVC Main10 when libav-x265 is available: " + backends);
        HostProcess.Result status = host.cmd("lumen:moonlight");
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("http " + base + ", https " + (base - 5)), status.output());
    }

    @Test
    @Order(2)
    void aPinWithoutAWaitingClientIsAClearError() throws Exception {
        assertFails("no client is waiting for a PIN", "lumen:pair", "1234");
        assertFails("4 digits", "lumen:pair", "12ab");
    }

    /** The command exits non-zero and says {@code why}. */
    private static void assertFails(String why, String... command) throws Exception {
        HostProcess.Result result = host.cmd(command);
        assertNotEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains(why), result.output());
    }

    @Test
    @Order(3)
    void theClientPairsWithThePinTypedThroughBinLumenCmd() throws Exception {
        PairOutcome outcome = client.pair("5678", () -> {
            try {
                host.awaitLine("asks to pair");
                HostProcess.Result typed = host.cmd("lumen:pair", "5678");
                assertEquals(0, typed.exit(), typed.output());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(PairOutcome.PAIRED, outcome);
        host.awaitLine("client paired: \"it-client\"");
        HostProcess.Result clients = host.cmd("lumen:clients");
        assertTrue(clients.output().contains("it-client"), clients.output());
        assertTrue(clients.output().contains(fingerprintPrefix()), clients.output());
    }

    private static String fingerprintPrefix() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(client.identity().certificate().getEncoded());
        return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest, 0, 4);
    }

    @Test
    @Order(4)
    void itListsLaunchesAndQuitsTheDesktop() throws Exception {
        List<String> apps = client.apps();
        assertEquals(1, apps.size(), apps.toString());
        assertTrue(apps.get(0).endsWith("=Desktop"), apps.toString());
        int desktop = Integer.parseInt(apps.get(0).split("=")[0]);
        Reply launched = client.launch(desktop, "1280x720x60");
        assertEquals(200, launched.status(), launched.toString());
        assertEquals("SUNSHINE_SERVER_BUSY", client.https("/serverinfo", "").field("state"));
        assertTrue(host.cmd("lumen:moonlight").output().contains("\"Desktop\" for \"it-client\" at 1280x720x60"));
        assertEquals("1", client.cancel().field("cancel"));
        assertEquals("SUNSHINE_SERVER_FREE", client.https("/serverinfo", "").field("state"));
    }

    @Test
    @Order(5)
    void thePinPageAnswersOnLoopback() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + (base + 1) + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("it-client"), "the paired client is listed");
    }

    @Test
    @Order(6)
    void theOperatorUnpairsTheClientAndItIsRefusedAtOnce() throws Exception {
        assertFails("no paired client", "lumen:unpair", "nobody");
        HostProcess.Result removed = host.cmd("lumen:unpair", "it-client");
        assertEquals(0, removed.exit(), removed.output());
        assertEquals(401, client.https("/applist", "").status());
        assertTrue(host.cmd("lumen:clients").output().contains("no paired clients"));
    }
}
