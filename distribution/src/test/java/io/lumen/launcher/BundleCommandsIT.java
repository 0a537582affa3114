package io.lumen.launcher;

import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.Poll;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Felix's own bundle commands sent with {@code bin/lumen cmd} to a headless host, as an operator swaps a backend
 * from another terminal: bundles named by id ({@code headers}, {@code stop}, {@code start}, {@code update},
 * {@code refresh}), pipes and quoted words, and an encoder bundle updated under a running session, which swaps
 * encoders and goes on under the same id.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BundleCommandsIT {

    private static final String ENCODER_BUNDLE = "lumen pure-Java encoder";
    private static final Pattern ENCODED = Pattern.compile("(\\d+) encoded");

    private static HostProcess host;

    @BeforeAll
    static void startHost() throws Exception {
        host = new HostProcess(Files.createTempDirectory("lumen-bundle-it-"), "-Dlumen.port=0 -Dlumen.mdns=false")
                .start();
    }

    @AfterAll
    static void killHost() {
        host.close();
    }

    /** Runs a command through bin/lumen cmd. */
    private static HostProcess.Result cmd(String... words) {
        try {
            return host.cmd(words);
        } catch (Exception e) {
            throw new AssertionError("bin/lumen cmd " + String.join(" ", words), e);
        }
    }

    /** Runs a command that must succeed; its output. */
    private static String ok(String... words) {
        HostProcess.Result result = cmd(words);
        assertEquals(0, result.exit(), String.join(" ", words) + ": " + result.output());
        assertFalse(result.output().contains("error:"), String.join(" ", words) + ": " + result.output());
        return result.output();
    }

    /** The id {@code lb} gives the bundle named {@code name}. */
    private static long bundleId(String name) {
        return ok("lb").lines().filter(l -> l.contains("|" + name + " (")).findFirst()
                .map(l -> Long.parseLong(l.substring(0, l.indexOf('|')).strip()))
                .orElseThrow(() -> new AssertionError("no bundle '" + name + "' in lb"));
    }

    private static String state(long id) {
        return ok("lb").lines().filter(l -> l.strip().startsWith(id + "|")).findFirst()
                .map(l -> l.split("\\|")[1].strip()).orElseThrow();
    }

    @Test
    @Order(1)
    void felixsBundleCommandsTakeBundleIdsAsTheyDoInTheConsole() throws Exception {
        long id = bundleId(ENCODER_BUNDLE);
        assertTrue(ok("headers " + id).contains("Bundle-SymbolicName = io.lumen.encode.java"), "one word, a whole line");
        assertTrue(ok("headers", String.valueOf(id)).contains("Bundle-SymbolicName = io.lumen.encode.java"),
                "several words, joined");

        ok("stop", String.valueOf(id));
        assertEquals("Resolved", state(id));
        assertFalse(ok("lumen:backends").contains("java-h264"), "its encoder left with it");
        ok("start", String.valueOf(id));
        assertEquals("Active", state(id));
        assertTrue(Poll.until(Duration.ofSeconds(20), () -> cmd("lumen:backends").output().contains("java-h264")),
                "its encoder is back");
    }

    @Test
    @Order(2)
    void pipesAndQuotedWordsAreParsedByTheHostsShell() throws Exception {
        List<String> lines = ok("lb | grep pure-Java").lines().toList();
        assertEquals(1, lines.size(), "grep in the host's shell: " + lines);
        assertTrue(lines.get(0).contains("Active") && !lines.get(0).contains("\u001B"),
                "grep's colour is for terminals, not for a pipe or a file: " + lines);
        assertEquals("two words it's", ok("echo", "two words", "it's").strip(),
                "a word with a space or a quote stays one word");
        HostProcess.Result refused = cmd("lumen:pair", "1234", "Steam Deck");
        assertNotEquals(0, refused.exit(), refused.output());
        assertFalse(refused.output().contains("Cannot coerce"), "two arguments, the name one: " + refused.output());
    }

    @Test
    @Order(3)
    void anEncoderBundleUpdatedMidSessionThroughBinLumenCmdSwapsAndTheSessionGoesOn() throws Exception {
        ok("lumen:use", "encoder", "java-h264");
        Path file = host.data.resolve("rec/update.h264");
        CompletableFuture<HostProcess.Result> recording = CompletableFuture.supplyAsync(() -> {
            return cmd("lumen:record", "-m", "320x180x30", "25", file.toString());
        });
        AtomicReference<String> session = new AtomicReference<>();
        assertTrue(Poll.until(Duration.ofSeconds(30), () -> {
            String listing = cmd("lumen:sessions").output();
            listing.lines().filter(l -> l.startsWith("s")).findFirst().ifPresent(l -> session.set(l.split("\\s+")[0]));
            return session.get() != null;
        }), "the recording's session is listed");
        String id = session.get();
        long encodedBefore = awaitEncodedAtLeast(id, 15);

        long bundle = bundleId(ENCODER_BUNDLE);
        ok("update", String.valueOf(bundle));
        ok("refresh", String.valueOf(bundle));
        host.awaitLine("session " + id + ": encoder java-h264 -> ");
        host.awaitLine("-> java-h264 (");
        assertTrue(Poll.until(Duration.ofSeconds(30), () -> {
            String shown = cmd("lumen:session", id).output();
            return shown.lines().filter(l -> l.contains(" encoder ") && l.contains("java-h264") && l.contains("stall"))
                    .count() >= 2 && shown.contains("encoder:     java-h264");
        }), "lumen:session " + id + " shows the swaps away and back: " + cmd("lumen:session", id).output());
        long afterSwaps = encoded(id);
        awaitEncodedAtLeast(id, afterSwaps + 30);

        HostProcess.Result recorded = recording.join();
        assertEquals(0, recorded.exit(), recorded.output());
        assertTrue(recorded.output().contains("session " + id + ": capture"), "the same session to the end: "
                + recorded.output());
        Matcher swaps = Pattern.compile("(\\d+) swaps").matcher(recorded.output());
        assertTrue(swaps.find() && Integer.parseInt(swaps.group(1)) >= 2, recorded.output());
        StampTrack track = StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertInOrder();
        assertTrue(track.counters().size() > afterSwaps - encodedBefore + 30,
                "one stream decodes across the swaps: " + track.counters().size() + " pictures");
        ok("lumen:use", "encoder", "auto");
    }

    @Test
    @Order(4)
    void exitThroughBinLumenCmdStopsAHeadlessHostCleanly() throws Exception {
        HostProcess.Result exit = cmd("exit");
        assertEquals(0, exit.exit(), exit.output());
        assertTrue(exit.output().contains("stopping the host"), exit.output());
        assertTrue(host.exitsCleanlyWithin(Duration.ofSeconds(30)), "the host stopped with exit code 0");
    }

    private static long encoded(String session) {
        Matcher m = ENCODED.matcher(cmd("lumen:session", session).output());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long awaitEncodedAtLeast(String session, long count) {
        AtomicReference<Long> last = new AtomicReference<>(-1L);
        assertTrue(Poll.until(Duration.ofSeconds(30), () -> {
            last.set(encoded(session));
            return last.get() >= count;
        }), "session " + session + " encoded " + last.get() + " pictures, waiting for " + count);
        return last.get();
    }
}
