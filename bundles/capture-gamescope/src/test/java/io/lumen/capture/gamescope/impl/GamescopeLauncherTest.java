package io.lumen.capture.gamescope.impl;

import io.lumen.api.media.VideoMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** gamescope's command line, and where its binary is looked for. */
class GamescopeLauncherTest {

    @Test
    void theCommandLineCarriesTheClientsModeAndTheAppAfterTheSeparator() {
        List<String> command = GamescopeLauncher.command("gamescope", new VideoMode(1920, 1080, 120), true,
                "steam -bigpicture");
        assertEquals(List.of("gamescope", "-W", "1920", "-H", "1080", "-w", "1920", "-h", "1080", "-r", "120",
                "--headless", "--", "sh", "-c", "steam -bigpicture"), command);
        assertFalse(GamescopeLauncher.command("gamescope", new VideoMode(1280, 720, 60), false, "app")
                .contains("--headless"));
    }

    @Test
    void aMissingBinaryIsNamedInTheReason() {
        assertEquals(Optional.of("gamescope not found at /nonexistent/gamescope"),
                new GamescopeLauncher("/nonexistent/gamescope").unavailableReason());
        assertEquals(Optional.of("no-such-gamescope-binary not found on PATH"),
                new GamescopeLauncher("no-such-gamescope-binary").unavailableReason());
    }

    @Test
    void aBinaryOnPathIsFound() {
        assertEquals(Optional.empty(), new GamescopeLauncher("sh").unavailableReason());
    }
}
