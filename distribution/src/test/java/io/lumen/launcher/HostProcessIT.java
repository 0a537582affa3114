package io.lumen.launcher;

import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The assembled distribution as an operator runs it: a headless host process, commands from another "terminal". */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostProcessIT {

    private static final Path DIST = Path.of(System.getProperty("lumen.dist", "target/lumen")).toAbsolutePath();
    private static Path data;
    private static Process host;
    private static final List<String> hostLines = Collections.synchronizedList(new ArrayList<>());

    private record Result(int exit, String output) {
    }

    @BeforeAll
    static void startHost() throws Exception {
        data = Files.createTempDirectory("lumen-it-");
        launch();
    }

    private static void launch() throws Exception {
        hostLines.clear();
        host = new ProcessBuilder(DIST.resolve("bin/lumen").toString(), "--headless", "--data", data.toString())
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    hostLines.add(line);
                }
            } catch (IOException ignored) {
            }
        });
        reader.setDaemon(true);
        reader.start();
        awaitLine("lumen ready in");
    }

    private static String awaitLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (hostLines) {
                for (String line : hostLines) {
                    if (line.contains(fragment)) {
                        return line;
                    }
                }
            }
            if (!host.isAlive()) {
                fail("host exited (" + host.exitValue() + ") before '" + fragment + "': " + hostLines);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + fragment + "' from the host: " + hostLines);
    }

    private static Result cmd(String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/lumen").toString(), "--data", data.toString(), "cmd"));
        command.addAll(List.of(words));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), output);
    }

    @AfterAll
    static void killHost() {
        if (host != null && host.isAlive()) {
            host.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void theCommandSocketIsReachableOnlyByItsOwner() throws Exception {
        Path socket = data.resolve("run/lumen.sock");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    }

    @Test
    @Order(2)
    void backendsAreListedFromAnotherProcess() throws Exception {
        Result result = cmd("lumen:backends");
        assertEquals(0, result.exit, result.output);
        assertTrue(result.output.contains("synthetic") && result.output.contains("java-h264"), result.output);
        assertTrue(result.output.contains("available"), result.output);
        Result bundles = cmd("lb");
        assertEquals(0, bundles.exit, bundles.output);
        assertTrue(bundles.output.contains("lumen session manager"), bundles.output);
    }

    @Test
    @Order(3)
    void aRecordingDecodesWithItsFrameCounters() throws Exception {
        Path file = data.resolve("rec/clip.h264");
        Result result = cmd("lumen:record", "-m", "320x180x30", "2", file.toString());
        assertEquals(0, result.exit, result.output);
        assertTrue(result.output.contains("recorded"), result.output);
        StampTrack track = StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertStrictlyIncreasing();
        assertTrue(track.counters().size() >= 20, "two seconds at 30 fps: " + track.counters().size() + " pictures");
        awaitLine("first picture sent");
    }

    @Test
    @Order(4)
    void aBadCommandIsAClearErrorAndTheHostGoesOn() throws Exception {
        Result unknown = cmd("lumen:nosuch");
        assertNotEquals(0, unknown.exit);
        assertTrue(unknown.output.contains("error:"), unknown.output);
        Result badRole = cmd("lumen:use", "gpu", "x");
        assertNotEquals(0, badRole.exit);
        assertTrue(badRole.output.contains("unknown role 'gpu'"), badRole.output);
        Result badId = cmd("lumen:use", "encoder", "nvenc-imaginary");
        assertNotEquals(0, badId.exit);
        assertTrue(badId.output.contains("registered: java-h264"), badId.output);
        assertEquals(0, cmd("lumen:sessions").exit, "the host still answers");
    }

    @Test
    @Order(5)
    void aPinIsSetThroughConfigAdmin() throws Exception {
        assertEquals(0, cmd("lumen:use", "capture", "synthetic").exit);
        assertEquals(0, cmd("lumen:use", "capture", "auto").exit);
        Result pin = cmd("lumen:use", "encoder", "java-h264");
        assertEquals(0, pin.exit, pin.output);
        Result listing = cmd("lumen:backends");
        assertTrue(listing.output.contains("java-h264 *"), listing.output);
        assertTrue(listing.output.contains("encoder pinned to java-h264"), listing.output);
        assertTrue(!listing.output.contains("synthetic *"), "'auto' removed the capture pin: " + listing.output);
    }

    @Test
    @Order(6)
    void sigtermStopsTheHostCleanly() throws Exception {
        // SIGTERM, as a service manager sends it (Process.destroy would also close our end of the host's output)
        assertTrue(host.toHandle().destroy());
        assertTrue(host.waitFor(30, TimeUnit.SECONDS), "the host stops within 30 s");
        assertEquals(0, host.exitValue());
        awaitLineAfterExit("lumen stopped");
        assertTrue(Files.readString(data.resolve("log/lumen.0.log")).contains("lumen stopped"), "a headless host logs to its data directory");
        assertFalse(Files.exists(data.resolve("run/lumen.sock")), "the socket goes with the host");
        Result noHost = cmd("lumen:sessions");
        assertEquals(3, noHost.exit);
        assertTrue(noHost.output.contains("no lumen host is running"), noHost.output);
    }

    @Test
    @Order(7)
    void theHostStartsAgainWithItsPinKept() throws Exception {
        launch();
        Result listing = cmd("lumen:backends");
        assertTrue(listing.output.contains("encoder pinned to java-h264"), "the pin survived the restart: " + listing.output);
        assertEquals(0, cmd("lumen:use", "encoder", "auto").exit);
        assertTrue(host.toHandle().destroy());
        assertTrue(host.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, host.exitValue());
    }

    private static void awaitLineAfterExit(String fragment) throws InterruptedException {
        Thread.sleep(200); // the reader drains the last lines after exit
        synchronized (hostLines) {
            assertTrue(hostLines.stream().anyMatch(l -> l.contains(fragment)), "'" + fragment + "' logged: " + hostLines);
        }
    }
}
