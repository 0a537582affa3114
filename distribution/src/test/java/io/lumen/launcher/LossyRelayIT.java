package io.lumen.launcher;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lumen.client.LumenClient;
import io.lumen.testkit.moonlight.FreeBasePort;
import io.lumen.tools.relay.Direction;
import io.lumen.tools.relay.LinkCounts;
import io.lumen.tools.relay.Relay;
import io.lumen.tools.relay.RelayOptions;
import io.lumen.tools.relay.RelayPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

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
 * The reference client streams from the distribution through the lossy relay, as a user tries a lossy link: the
 * host started by bin/lumen names the relay's ports, the relay drops 5% of the video datagrams at random, and the
 * client streams over 10,000 frames with leopard16 at the host's 20% FEC, losing at most one in 10,000; then the same
 * with rs8, whose small blocks get only the parity their percentage gives them, to show what it loses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LossyRelayIT {

    private static final String PIN = "1357";
    /** 640x360 at 120 fps: 10,000 frames in under a minute and a half. */
    private static final String[] MODE = {"-width", "640", "-height", "360", "-fps", "120", "-bitrate", "8000"};
    private static HostProcess host;
    private static Relay relay;
    private static int relayBase;
    private static Path state;

    @BeforeAll
    static void start() throws Exception {
        int base = FreeBasePort.find();
        relayBase = FreeBasePort.find();
        Path dir = Files.createTempDirectory("lumen-relay-it-");
        state = dir.resolve("client");
        host = new HostProcess(dir.resolve("host"), "-Dlumen.port=" + base + " -Dlumen.port.advertised=" + relayBase
                + " -Dlumen.mdns=false").start();
        host.awaitLine("moonlight host");
        relay = Relay.start(RelayOptions.parse("-listen", String.valueOf(relayBase), "-host", "127.0.0.1:" + base,
                "-loss", "5", "-streams", "video", "-seed", "18", "-stats", "0", "-bind", "127.0.0.1"),
                line -> System.out.println("relay: " + line));
        CompletableFuture<JsonObject> paired = CompletableFuture.supplyAsync(() -> {
            client("pair", "127.0.0.1", "-pin", PIN);
            return null;
        });
        host.awaitLine("asks to pair");
        assertEquals(0, host.cmd("lumen:pair", PIN).exit());
        paired.get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
        if (host != null) {
            host.close();
        }
    }

    /** Runs bin/lumen-client's main path through the relay; returns its result line. */
    private static JsonObject client(String... words) {
        List<String> args = new ArrayList<>(List.of(words));
        args.addAll(List.of("-port", String.valueOf(relayBase), "-dir", state.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new LumenClient(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text + err.toString(StandardCharsets.UTF_8));
        return text.lines().filter(l -> l.startsWith("LUMEN_CLIENT_RESULT ")).findFirst()
                .map(l -> JsonParser.parseString(l.substring(l.indexOf(' ') + 1)).getAsJsonObject()).orElse(null);
    }

    private static JsonObject stream(String fec, int seconds) {
        List<String> args = new ArrayList<>(List.of("stream", "127.0.0.1", "-fec", fec, "-seconds",
                String.valueOf(seconds), "-decode", "none"));
        args.addAll(List.of(MODE));
        LinkCounts.Snapshot before = relay.counts(RelayPort.VIDEO, Direction.DOWN);
        JsonObject result = client(args.toArray(String[]::new));
        LinkCounts.Snapshot after = relay.counts(RelayPort.VIDEO, Direction.DOWN);
        long dropped = after.dropped() - before.dropped();
        long seen = after.seen() - before.seen();
        System.out.println("through the relay at 5% video loss, " + fec + ": " + result + "; relay: " + dropped
                + " of " + seen + " video datagrams dropped");
        assertTrue(Math.abs((double) dropped / seen - 0.05) < 0.01, "the relay dropped 5%: " + dropped + "/" + seen);
        return result;
    }

    @Test
    @Order(1)
    void leopard16LosesAtMostOneFrameInTenThousandAtFivePercentLoss() {
        JsonObject result = stream("leopard16", 90);
        long frames = result.get("frames_received").getAsLong();
        long lost = result.get("frames_lost").getAsLong();
        assertTrue(frames >= 9_000, "about 10,000 frames: " + result);
        assertTrue(lost * 10_000 <= Math.max(frames, 10_000), "at most 1 in 10,000 lost: " + result);
        assertTrue(result.get("shards_repaired").getAsLong() > 0, "FEC repaired what the relay dropped: " + result);
    }

    @Test
    @Order(2)
    void rs8ShowsWhatItLosesOnTheSameLink() {
        JsonObject result = stream("rs8", 30);
        assertTrue(result.get("frames_received").getAsLong() > 0, result.toString());
        assertTrue(result.get("shards_repaired").getAsLong() > 0, result.toString());
    }
}
