package io.lumen.launcher;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lumen.client.LumenClient;
import io.lumen.encode.libav.impl.ffm.Libav;
import io.lumen.testkit.moonlight.FreeBasePort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * lumen's reference client against the distribution as a user runs both: the host started by bin/lumen, the
 * client's own command line pairing with a fixed PIN that is typed at the host through {@code bin/lumen cmd
 * lumen:pair}, listing, streaming 5 s with each FEC scheme (decoded by libavcodec, every picture's stamp timed) and
 * quitting, all from the client's state directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferenceClientIT {

    private static final String PIN = "2468";
    private static HostProcess host;
    private static int base;
    private static Path state;

    private record Run(int exit, String out, String err) {

        /** The json of the LUMEN_CLIENT_RESULT line. */
        JsonObject result() {
            String line = out.lines().filter(l -> l.startsWith("LUMEN_CLIENT_RESULT ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no result line: " + this));
            return JsonParser.parseString(line.substring(line.indexOf(' ') + 1)).getAsJsonObject();
        }
    }

    @BeforeAll
    static void startHost() throws Exception {
        base = FreeBasePort.find();
        Path dir = Files.createTempDirectory("lumen-client-it-");
        state = dir.resolve("client");
        host = new HostProcess(dir.resolve("host"), "-Dlumen.port=" + base + " -Dlumen.mdns=false").start();
        host.awaitLine("moonlight host");
    }

    @AfterAll
    static void stopHost() {
        host.close();
    }

    /** The client's command line, as bin/lumen-client runs it, with the host's port and the test's state. */
    private static Run client(String... words) {
        List<String> args = new ArrayList<>(List.of(words));
        args.addAll(List.of("-port", String.valueOf(base), "-dir", state.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new LumenClient(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void beforePairingItSaysSo() {
        Run list = client("list", "127.0.0.1");
        assertEquals(3, list.exit(), list.toString());
        assertTrue(list.err().contains("not paired with 127.0.0.1"), list.err());
    }

    @Test
    @Order(2)
    void pairsWithTheFixedPinEnteredAtTheHost() throws Exception {
        CompletableFuture<Run> pairing = CompletableFuture.supplyAsync(() -> client("pair", "127.0.0.1", "-pin", PIN));
        host.awaitLine("\"lumen-client\" from 127.0.0.1 asks to pair");
        HostProcess.Result typed = host.cmd("lumen:pair", PIN);
        assertEquals(0, typed.exit(), typed.output());
        Run paired = pairing.get(60, TimeUnit.SECONDS);
        assertEquals(0, paired.exit(), paired.toString());
        assertTrue(paired.out().contains("enter the following PIN on the target PC: " + PIN), paired.out());
        host.awaitLine("client paired: \"lumen-client\"");
        assertTrue(Files.exists(state.resolve("hosts/127.0.0.1_" + base + ".pem")), "the host certificate is pinned");
    }

    @Test
    @Order(3)
    void listsTheDesktop() {
        Run list = client("list", "127.0.0.1");
        assertEquals(0, list.exit(), list.toString());
        assertEquals("1. Desktop", list.out().strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"leopard16", "rs8"})
    @Order(4)
    void streamsFiveSecondsDecodedWithoutLossAndWithTheLatencyFromTheStamps(String fec) {
        Assumptions.assumeTrue(Libav.system().isAvailable(), "no libavcodec to decode with: "
                + Libav.system().unavailableReason().orElse(""));
        Run stream = client("stream", "127.0.0.1", "-seconds", "5", "-fec", fec, "-width", "1280", "-height", "720",
                "-fps", "60", "-bitrate", "10000");
        assertEquals(0, stream.exit(), stream.toString());
        assertTrue(stream.out().lines().filter(l -> l.contains(" frames ") && l.contains(" lost ")).count() >= 4,
                "a line of statistics every second: " + stream.out());
        JsonObject result = stream.result();
        assertEquals(fec.equals("rs8") ? "rs8-moonlight" : "leopard16", result.get("fec").getAsString());
        assertEquals("1280x720x60", result.get("mode").getAsString());
        assertTrue(result.get("seconds").getAsDouble() >= 5, result.toString());
        long frames = result.get("frames_received").getAsLong();
        assertTrue(frames >= 5 * 60 / 2, "at least half of 5 s at 60 fps: " + result);
        assertEquals(0, result.get("frames_lost").getAsLong(), "nothing is lost on loopback: " + result);
        assertTrue(result.get("mbps").getAsDouble() > 0, result.toString());
        assertEquals(frames, result.get("frames_decoded").getAsLong(), "every frame decoded: " + result);
        assertEquals(0, result.get("decode_errors").getAsLong(), result.toString());
        assertEquals(frames, result.get("stamped_pictures").getAsLong(), "every picture carries its stamp: " + result);
        double p50 = result.get("latency_p50_ms").getAsDouble();
        double p99 = result.get("latency_p99_ms").getAsDouble();
        assertTrue(p50 > 0 && p50 <= p99 && p50 < 1000, "capture to decoded: " + result);
        assertTrue(result.get("audio_packets").getAsLong() > 0, "audio arrives too: " + result);
    }

    @Test
    @Order(5)
    void countsOnlyWithoutDecodingAndQuitsTheAppAfter() throws Exception {
        Run stream = client("stream", "127.0.0.1", "-seconds", "2", "-decode", "none", "-quitappafter",
                "-width", "640", "-height", "360", "-fps", "30");
        assertEquals(0, stream.exit(), stream.toString());
        JsonObject result = stream.result();
        assertEquals("none", result.get("decode").getAsString());
        assertTrue(result.get("frames_received").getAsLong() > 0, result.toString());
        assertEquals(0, result.get("frames_decoded").getAsLong(), result.toString());
        assertTrue(result.get("latency_p50_ms").isJsonNull(), "no pictures, no stamps: " + result);
        String status = host.cmd("lumen:moonlight").output();
        assertTrue(!status.contains("\"Desktop\" for \"lumen-client\""), "the app was quit: " + status);
    }

    @Test
    @Order(6)
    void aWrongCommandLineIsAUsageError() {
        Run bad = client("stream", "127.0.0.1", "-fec", "turbo");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("-fec takes rs8 or leopard16, not 'turbo'"), bad.err());
    }
}
