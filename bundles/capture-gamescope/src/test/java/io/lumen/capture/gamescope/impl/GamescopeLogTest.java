package io.lumen.capture.gamescope.impl;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Node discovery and failure reasons from gamescope's output. gamescope cannot run on this machine (lavapipe has no
 * DRM format modifiers, see CAPTURE-NOTES), so the logs under test resources are reconstructed from the format
 * strings in gamescope's sources: log.cpp's two line formats (3.11's {@code "<scope>: <text>"}, newer versions'
 * {@code "[gamescope] [Info]  <scope>: <text>"} with ANSI colour escapes around priority and scope), pipewire.cpp's
 * {@code "stream state changed: %s"} and {@code "stream available on node ID: %u"}, rendervulkan.cpp's Vulkan
 * failures, and the lavapipe failure lines seen here under Xvfb.
 */
class GamescopeLogTest {

    private static GamescopeLog replay(String resource) throws IOException {
        GamescopeLog log = new GamescopeLog();
        try (InputStream in = GamescopeLogTest.class.getResourceAsStream(resource)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertFalse(lines.isEmpty(), resource);
            lines.forEach(log::accept);
        }
        return log;
    }

    @Test
    void theNodeIdComesFromThe311LogLine() throws IOException {
        GamescopeLog log = replay("gamescope-3.11-pipewire.log");
        assertEquals(OptionalInt.of(42), log.advertisedNode());
        assertTrue(log.failure().isEmpty());
    }

    @Test
    void theNodeIdComesFromTheColouredLineOfNewerVersions() throws IOException {
        GamescopeLog log = replay("gamescope-3.16-headless-pipewire.log");
        assertEquals(OptionalInt.of(57), log.advertisedNode());
    }

    @Test
    void theFirstAdvertisedNodeStays() {
        GamescopeLog log = new GamescopeLog();
        assertEquals(OptionalInt.of(12), log.accept("pipewire: stream available on node ID: 12"));
        log.accept("pipewire: stream available on node ID: 13");
        assertEquals(OptionalInt.of(12), log.advertisedNode());
    }

    @Test
    void lavapipesMissingModifiersAreTheReasonNotTheLastLine() throws IOException {
        GamescopeLog log = replay("gamescope-3.11-lavapipe.log");
        assertTrue(log.advertisedNode().isEmpty());
        String reason = log.reason();
        assertTrue(reason.startsWith("the Vulkan driver lacks DRM format modifiers"), reason);
        assertTrue(reason.contains("\"vulkan: physical device does not support DRM format modifiers\""), reason);
    }

    @Test
    void newerVersionsFailureIsReadWithoutItsColourEscapes() throws IOException {
        GamescopeLog log = replay("gamescope-3.16-swrast.log");
        String reason = log.reason();
        assertTrue(reason.contains("DRM format modifiers"), reason);
        assertFalse(reason.contains("\u001b"), reason);
    }

    @Test
    void unknownOutputIsReportedAsItsLastLines() {
        GamescopeLog log = new GamescopeLog();
        for (int i = 0; i < 20; i++) {
            log.accept("line " + i);
        }
        String reason = log.reason();
        assertTrue(reason.startsWith("its last output: line 8 | "), reason);
        assertTrue(reason.endsWith("line 19"), reason);
        assertEquals("it printed nothing", new GamescopeLog().reason());
    }

    @Test
    void aLineMentioningANodeInOtherWordsIsNotTheNodeLine() {
        assertTrue(GamescopeLog.nodeIn("pipewire: stream state changed: paused").isEmpty());
        assertTrue(GamescopeLog.nodeIn("node ID: 5").isEmpty());
    }
}
