package io.lumen.launcher;

import io.lumen.testkit.FfmpegDecoder;
import io.lumen.testkit.StampTrack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.*;

/** The assembled distribution as an operator runs it: a headless host process, commands from another "terminal". */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostProcessIT {

    private static HostProcess host;

    @BeforeAll
    static void startHost() throws Exception {
        // its own free ports and no LAN advertisement: the Moonlight side is MoonlightHostProcessIT's
        host = new HostProcess(Files.createTempDirectory("lumen-it-"), "-Dlumen.port=0 -Dlumen.mdns=false").start();
    }

    private static HostProcess.Result cmd(String... words) throws Exception {
        return host.cmd(words);
    }

    @AfterAll
    static void killHost() {
        host.close();
    }

    @Test
    @Order(1)
    void theCommandSocketIsReachableOnlyByItsOwner() throws Exception {
        Path socket = host.data.resolve("run/lumen.sock");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    }

    /** Whatever a stranger makes the host allocate before it is refused, the heap has a ceiling. */
    @Test
    @Order(1)
    void theHostRunsWithABoundedHeap() throws Exception {
        java.util.List<String> arguments = java.util.List.of(host.process().toHandle().info().arguments()
                .orElseThrow(() -> new AssertionError("no command line for the host's process")));
        assertTrue(arguments.contains("-Xmx1g"), "the launcher caps the heap: " + arguments);
    }

    @Test
    @Order(2)
    void backendsAreListedFromAnotherProcess() throws Exception {
        HostProcess.Result result = cmd("lumen:backends");
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("synthetic") && result.output().contains("java-h264"), result.output());
        assertTrue(result.output().contains("available"), result.output());
        HostProcess.Result bundles = cmd("lb");
        assertEquals(0, bundles.exit(), bundles.output());
        assertTrue(bundles.output().contains("lumen session manager"), bundles.output());
    }

    @Test
    @Order(3)
    void aRecordingDecodesWithItsFrameCounters() throws Exception {
        Path file = host.data.resolve("rec/clip.h264");
        HostProcess.Result result = cmd("lumen:record", "-m", "320x180x30", "2", file.toString());
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("recorded"), result.output());
        StampTrack track = StampTrack.of(FfmpegDecoder.decode(file, "h264")).assertInOrder();
        assertTrue(track.counters().size() >= 20, "two seconds at 30 fps: " + track.counters().size() + " pictures");
        host.awaitLine("first picture sent");
    }

    @Test
    @Order(4)
    void aBadCommandIsAClearErrorAndTheHostGoesOn() throws Exception {
        HostProcess.Result unknown = cmd("lumen:nosuch");
        assertNotEquals(0, unknown.exit());
        assertTrue(unknown.output().contains("error:"), unknown.output());
        HostProcess.Result badRole = cmd("lumen:use", "gpu", "x");
        assertNotEquals(0, badRole.exit());
        assertTrue(badRole.output().contains("unknown role 'gpu'"), badRole.output());
        HostProcess.Result badId = cmd("lumen:use", "encoder", "nvenc-imaginary");
        assertNotEquals(0, badId.exit());
        assertTrue(badId.output().contains("registered: ") && badId.output().contains("java-h264"), badId.output());
        assertEquals(0, cmd("lumen:sessions").exit(), "the host still answers");
    }

    @Test
    @Order(5)
    void aPinIsSetThroughConfigAdmin() throws Exception {
        assertEquals(0, cmd("lumen:use", "capture", "synthetic").exit());
        assertEquals(0, cmd("lumen:use", "capture", "auto").exit());
        HostProcess.Result pin = cmd("lumen:use", "encoder", "java-h264");
        assertEquals(0, pin.exit(), pin.output());
        HostProcess.Result listing = cmd("lumen:backends");
        assertTrue(listing.output().contains("java-h264 *"), listing.output());
        assertTrue(listing.output().contains("encoder pinned to java-h264"), listing.output());
        assertTrue(!listing.output().contains("synthetic *"), "'auto' removed the capture pin: " + listing.output());
    }

    @Test
    @Order(6)
    void sigtermStopsTheHostCleanly() throws Exception {
        assertTrue(host.stop(), "SIGTERM stops the host within 30 s, exit code 0");
        host.assertLoggedAfterExit("lumen stopped");
        assertTrue(Files.readString(host.data.resolve("log/lumen.0.log")).contains("lumen stopped"), "a headless host logs to its data directory");
        assertFalse(Files.exists(host.data.resolve("run/lumen.sock")), "the socket goes with the host");
        HostProcess.Result noHost = cmd("lumen:sessions");
        assertEquals(3, noHost.exit());
        assertTrue(noHost.output().contains("no lumen host is running"), noHost.output());
    }

    @Test
    @Order(7)
    void theHostStartsAgainWithItsPinKept() throws Exception {
        host.start();
        HostProcess.Result listing = cmd("lumen:backends");
        assertTrue(listing.output().contains("encoder pinned to java-h264"), "the pin survived the restart: " + listing.output());
        assertEquals(0, cmd("lumen:use", "encoder", "auto").exit());
        assertTrue(host.stop());
    }
}
