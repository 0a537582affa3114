package io.lumen.capture.gamescope.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding a launched gamescope's node in the output its launcher appends to a file: recorded gamescope output
 * (see the resources) written as the launcher would, with the launch's process a plain sleep that the test ends.
 */
class LaunchedGamescopeTest {

    @TempDir
    Path dir;

    private String recorded(String name) throws IOException {
        return new String(getClass().getResourceAsStream(name).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theNodeLineIsFoundWhileTheOutputIsStillBeingWrittenInPieces() throws Exception {
        Path output = dir.resolve("app.log");
        Process launch = new ProcessBuilder("sleep", "60").start();
        try {
            LaunchedGamescope launched = new LaunchedGamescope(output, 0, OptionalLong.of(launch.pid()));
            CompletableFuture<Integer> node = CompletableFuture.supplyAsync(() -> {
                try {
                    return launched.awaitNode(Duration.ofSeconds(10));
                } catch (BackendException e) {
                    throw new IllegalStateException(e);
                }
            });
            String log = recorded("gamescope-3.11-pipewire.log");
            int cut = log.indexOf("node ID: 4") + "node ID: 4".length(); // the id "42" split across two writes
            Files.writeString(output, log.substring(0, cut));
            // read here what the waiting thread reads: once this read has taken the half line, the wait has nothing
            // else to read, so it cannot have found a node
            assertTrue(launched.scan().isEmpty(), "half a node line is no node line");
            assertTrue(!node.isDone(), "the wait found no node in half a node line: " + node);
            Files.writeString(output, log.substring(cut), StandardOpenOption.APPEND);
            assertEquals(42, node.get());
            assertEquals("running, node 42", launched.state());
        } finally {
            launch.destroyForcibly();
        }
    }

    @Test
    void aGamescopeThatExitsBeforeAdvertisingIsReportedWithItsKnownFailure() throws Exception {
        Path output = dir.resolve("app.log");
        Files.writeString(output, recorded("gamescope-3.11-lavapipe.log"));
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        LaunchedGamescope launched = new LaunchedGamescope(output, 0, OptionalLong.of(exited.pid()));
        BackendException e = assertThrows(BackendException.class, () -> launched.awaitNode(Duration.ofSeconds(5)));
        assertTrue(e.getMessage().startsWith("gamescope (pid " + exited.pid() + ") exited before advertising a"
                + " PipeWire node: the Vulkan driver lacks DRM format modifiers"), e.getMessage());
        assertTrue(launched.state().startsWith("exited: the Vulkan driver lacks DRM format modifiers"),
                launched.state());
    }

    @Test
    void aSilentGamescopeTimesOutWithWhatItPrinted() throws Exception {
        Path output = dir.resolve("app.log");
        Files.writeString(output, "pipewire: stream available on node ID: 7\nan earlier launch ended\n");
        long from = Files.size(output);
        Files.writeString(output, "wlserver: [xwayland/server.c:107] Starting Xwayland on :1\n",
                StandardOpenOption.APPEND);
        Process launch = new ProcessBuilder("sleep", "60").start();
        try {
            LaunchedGamescope launched = new LaunchedGamescope(output, from, OptionalLong.of(launch.pid()));
            BackendException e = assertThrows(BackendException.class,
                    () -> launched.awaitNode(Duration.ofMillis(300)));
            assertEquals("gamescope (pid " + launch.pid() + ") advertised no PipeWire node within 300 ms (a build"
                    + " without PipeWire never does): its last output: wlserver: [xwayland/server.c:107] Starting"
                    + " Xwayland on :1", e.getMessage(), "the earlier launch's node 7 is not this launch's");
            assertEquals("starting", launched.state());
        } finally {
            launch.destroyForcibly();
        }
    }

    @Test
    void optionsWithoutAnOutputAreNoLaunchAndMalformedOnesAreRefused() throws Exception {
        assertEquals(Optional.empty(), LaunchedGamescope.from(Map.of(CaptureRequest.TARGET, "42")));
        LaunchedGamescope noPid = LaunchedGamescope.from(Map.of(LaunchedGamescope.OUTPUT, "/tmp/x.log")).orElseThrow();
        assertEquals(OptionalLong.empty(), noPid.pid());
        assertTrue(noPid.isAlive(), "without a pid nothing says it exited");
        BackendException e = assertThrows(BackendException.class, () -> LaunchedGamescope.from(Map.of(
                LaunchedGamescope.OUTPUT, "/tmp/x.log", LaunchedGamescope.OUTPUT_FROM, "-3")));
        assertEquals("the capture option gamescope.output.from is not a non-negative number: \"-3\"", e.getMessage());
        e = assertThrows(BackendException.class, () -> LaunchedGamescope.from(Map.of(
                LaunchedGamescope.OUTPUT, "/tmp/x.log", CaptureRequest.APP_PID, "gamescope")));
        assertEquals("the capture option app.pid is not a non-negative number: \"gamescope\"", e.getMessage());
    }
}
