package io.lumen.protocol.moonlight.impl;

import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.ClientIdentity;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.net.ssl.SSLException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a paired client does over HTTPS with its certificate, and what an unpaired one cannot. */
@Timeout(120)
class PairedEndpointsTest {

    @TempDir
    Path dir;

    private RunningHost running;
    private MoonlightTestClient client;

    @BeforeEach
    void start() throws Exception {
        running = new RunningHost(dir);
        client = running.paired("living-room");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void listsTheAppsOfTheAppFile() throws Exception {
        List<String> apps = client.apps();
        assertEquals(4, apps.size(), apps.toString());
        assertTrue(apps.get(0).endsWith("=Desktop"), apps.toString());
        assertEquals("7=Sleeper", apps.get(1));
        assertTrue(apps.get(2).endsWith("=Painted"), apps.toString());
        assertEquals("9=Brief", apps.get(3));
    }

    @Test
    void launchesResumesAndQuitsAnAppAndServerInfoFollows() throws Exception {
        Reply launched = client.launch(7, "1920x1080x60");
        assertEquals(200, launched.status(), launched.toString());
        assertNotEquals("0", launched.field("gamesession"));
        assertTrue(launched.field("sessionUrl0").matches("rtspenc://127\\.0\\.0\\.1:\\d+"), launched.toString());

        LaunchSession session = running.host.running().orElseThrow();
        assertEquals("Sleeper", session.app().title());
        assertEquals("1920x1080x60", session.parameters().mode().toString());
        assertEquals(16, session.parameters().rikey().length);
        assertEquals(1, session.parameters().coreVersion());
        assertEquals(2, session.parameters().audioChannels());
        long pid = sleeperPid();

        Reply busy = client.https("/serverinfo", "");
        assertEquals("SUNSHINE_SERVER_BUSY", busy.field("state"));
        assertEquals("7", busy.field("currentgame"));
        assertEquals(400, client.launch(7, "1280x720x60").status(), "one app at a time");

        Reply resumed = client.resume("1280x720x60");
        assertEquals("1", resumed.field("resume"), resumed.toString());
        assertEquals("1280x720x60", running.host.running().orElseThrow().parameters().mode().toString());

        assertEquals("1", client.cancel().field("cancel"));
        assertTrue(running.host.running().isEmpty());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the app's command is stopped");
        Reply free = client.https("/serverinfo", "");
        assertEquals("SUNSHINE_SERVER_FREE", free.field("state"));
        assertEquals("0", free.field("currentgame"));
        assertEquals(503, client.resume("1280x720x60").status(), "nothing to resume");
    }

    @Test
    void anAppThatExitsByItselfEndsItsLaunch() throws Exception {
        assertEquals(200, client.launch(9, "1280x720x60").status());
        assertEquals("SUNSHINE_SERVER_BUSY", client.https("/serverinfo", "").field("state"));
        Poll.every(Duration.ofMillis(50)).awaits("the launch to end when 'sleep 1' did", Duration.ofSeconds(20),
                () -> running.host.running().isEmpty());
        assertEquals("SUNSHINE_SERVER_FREE", client.https("/serverinfo", "").field("state"));
        assertEquals(200, client.launch(7, "1280x720x60").status(), "and the next launch works");
        client.cancel();
    }

    private static long sleeperPid() {
        Optional<ProcessHandle> sleeper = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 600")).findFirst();
        return sleeper.orElseThrow(() -> new AssertionError("the app's command is not running")).pid();
    }

    @Test
    void badLaunchRequestsAreRejected() throws Exception {
        assertEquals(404, client.launch(99, "1920x1080x60").status(), "no such app");
        assertEquals(400, client.https("/launch", "appid=7&mode=1920x1080x60&rikeyid=1").status(), "no rikey");
        assertEquals(400, client.https("/launch", "appid=7&mode=1920x1080x60&rikey=00&rikeyid=1").status(),
                "a short rikey");
        assertEquals(400, client.https("/launch", "appid=7&mode=wide&rikey=" + "00".repeat(16) + "&rikeyid=1")
                .status(), "a mode that is no mode");
        assertEquals(400, client.https("/launch", "appid=7&mode=1920x1080x60&rikey=" + "00".repeat(16)
                + "&rikeyid=1&surroundAudioInfo=3").status(), "three channels");
        assertEquals(400, client.https("/launch", "appid=seven").status());
        assertTrue(running.host.running().isEmpty(), "nothing was launched by any of them");
        assertEquals(200, client.launch(7, "1280x720x60").status(), "and the host still launches");
        client.cancel();
    }

    @Test
    void servesBoxArtOnlyForKnownApps() throws Exception {
        byte[] painted = pngBytes();
        Files.write(dir.resolve("conf/apps/painted.png"), painted);
        Files.writeString(dir.resolve("secret.txt"), "not for clients");
        int paintedId = Integer.parseInt(client.apps().get(2).split("=")[0]);

        Reply own = client.https("/appasset", "appid=" + paintedId + "&AssetType=2&AssetIdx=0");
        assertEquals("image/png", own.contentType());
        assertArrayEquals(painted, own.body());
        Reply fallback = client.https("/appasset", "appid=7&AssetType=2&AssetIdx=0");
        assertEquals(200, fallback.status());
        BufferedImage art = ImageIO.read(new ByteArrayInputStream(fallback.body()));
        assertNotNull(art, "the default box art is a PNG");
        assertEquals(404, client.https("/appasset", "appid=12345").status());
        assertEquals(400, client.https("/appasset", "appid=../../secret.txt").status());
    }

    private static byte[] pngBytes() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    @Test
    void anUnknownCertificateGets401EverywhereAndLaunchesNothing() throws Exception {
        MoonlightTestClient stranger = running.client("stranger");
        for (String path : List.of("/serverinfo", "/applist", "/appasset", "/launch", "/resume", "/cancel", "/pair")) {
            Reply reply = stranger.https(path, "appid=7&mode=1920x1080x60&rikey=" + "00".repeat(16)
                    + "&rikeyid=1&phrase=pairchallenge");
            assertEquals(401, reply.status(), path + ": " + reply);
            assertEquals(401, reply.xmlStatus(), path);
            assertFalse(reply.text().contains("living-room"), "nothing about other clients");
        }
        assertTrue(running.host.running().isEmpty());
        assertEquals(200, client.https("/serverinfo", "").status(), "the paired client is unaffected");
    }

    @Test
    void aPairedCertificateWithoutItsKeyFailsTheHandshake() throws Exception {
        MoonlightTestClient replay = running.client("replay", ClientIdentity.generate().presenting(client.identity()));
        assertThrows(SSLException.class, () -> replay.https("/applist", ""), "TLS proves the key, not just the"
                + " certificate");
        assertThrows(SSLException.class, () -> replay.launch(7, "1920x1080x60"));
        assertTrue(running.host.running().isEmpty());
        assertEquals(4, client.apps().size(), "the host keeps serving the real client");
    }

    @Test
    void anUnpairedClientIsRefusedAtOnceAndCanPairAgain() throws Exception {
        assertEquals(200, client.https("/applist", "").status());
        assertTrue(running.host.unpair("living-room").isPresent());
        assertEquals(401, client.https("/applist", "").status(), "refused on its very next request");
        assertEquals(401, client.launch(7, "1920x1080x60").status());
        assertEquals(MoonlightTestClient.PairOutcome.PAIRED, client.pair("9876", running.typesPin("9876")));
        assertEquals(200, client.https("/applist", "").status());
    }

    @Test
    void aPairedClientCanUnpairItselfOverHttps() throws Exception {
        MoonlightTestClient other = running.paired("bedroom");
        assertEquals(200, other.https("/unpair", "").status());
        assertEquals(List.of("living-room"), running.clientNames());
    }
}
