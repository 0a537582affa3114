package io.lumen.capture.gamescope.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.HostedApp;
import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;
import io.lumen.capture.pipewire.impl.PipeWireCaptureBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The backend's choices and reasons that need no daemon, with the real PipeWire capture behind it. */
class GamescopeCaptureBackendTest {

    private static final CaptureRequest NO_OPTIONS = new CaptureRequest(new VideoMode(640, 480, 60),
            Set.of(PixelFormat.BGRX), 0, Map.of());

    @Test
    void withoutGamescopeOnPathTheProbeSaysSo() {
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(new PipeWireCaptureBackend(),
                GamescopeSettings.defaults());
        assumeTrue(new GamescopeLauncher("gamescope").locate().isEmpty(), "gamescope is installed here");
        assumeTrue(new PipeWireCaptureBackend().probe().available(), "libpipewire is missing here");
        assertEquals("unavailable: gamescope not found on PATH", backend.probe().toString());
    }

    @Test
    void withNeitherAppNorNodeTheReasonSaysHowToGiveOne() {
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(new PipeWireCaptureBackend(),
                GamescopeSettings.defaults());
        BackendException e = assertThrows(BackendException.class, () -> backend.open(NO_OPTIONS, frame -> { }));
        assertTrue(e.getMessage().contains("capture = gamescope") && e.getMessage().contains("LUMEN_GAMESCOPE_NODE"),
                e.getMessage());
    }

    @Test
    void anAttachValueThatIsNoIdIsRefusedWithWhereItCameFrom() {
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(new PipeWireCaptureBackend(),
                new GamescopeSettings("gamescope", Optional.of("gamescope-0"), Duration.ofSeconds(1)));
        BackendException e = assertThrows(BackendException.class, () -> backend.open(NO_OPTIONS, frame -> { }));
        assertEquals("gamescope attaches to a node id or \"running\", not \"gamescope-0\" (attach setting)",
                e.getMessage());
    }

    @Test
    void theEnvironmentsNodeWinsOverTheConfiguredOne() {
        GamescopeSettings settings = GamescopeSettings.read(
                Map.of("lumen.gamescope.node", "7", "lumen.gamescope.binary", "/opt/gamescope")::get,
                Map.of(GamescopeSettings.ATTACH_ENV, "9")::get);
        assertEquals(Optional.of("9"), settings.attach());
        assertEquals("/opt/gamescope", settings.binary());
        assertEquals(Optional.of("7"), GamescopeSettings.read(Map.of("lumen.gamescope.node", "7")::get,
                Map.<String, String>of()::get).attach());
        assertEquals("gamescope", GamescopeSettings.read(Map.<String, String>of()::get,
                Map.<String, String>of()::get).binary());
    }

    @Test
    void aStalledNegotiationIsExplainedAsGamescopesDeadlock() {
        String stalled = "negotiating for 5 s: producer did not acknowledge the format (state PAUSED)";
        assertEquals(stalled + "; " + StallExplanation.DEADLOCK, StallExplanation.explain(stalled, null));
        String gone = "the node left";
        assertEquals(gone, StallExplanation.explain(gone, "running, node 4"));
        assertEquals(gone + "; gamescope exited: exit code 1; it printed nothing",
                StallExplanation.explain(gone, "exited: exit code 1; it printed nothing"));
    }

    @Test
    void asAnAppHostItRunsTheAppInsideGamescopeAtTheClientsModeAndPointsTheCapturesAtItsOutput(@TempDir Path dir)
            throws Exception {
        // /bin/true stands for the binary: its help lists no --headless, as 3.11's does not
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(new PipeWireCaptureBackend(),
                new GamescopeSettings("/bin/true", Optional.empty(), Duration.ofSeconds(1)));
        Path output = dir.resolve("app-5.log");
        Files.writeString(output, "an earlier launch\n");
        HostedApp hosted = backend.host("vkcube --wsi wayland", new VideoMode(1280, 720, 120), output);
        assertEquals("gamescope", backend.id());
        assertEquals(List.of("/bin/true", "-W", "1280", "-H", "720", "-w", "1280", "-h", "720", "-r", "120", "--",
                "sh", "-c", "vkcube --wsi wayland"), hosted.commandLine());
        assertEquals(Map.of(LaunchedGamescope.OUTPUT, output.toString(), LaunchedGamescope.OUTPUT_FROM, "18"),
                hosted.captureOptions(), "the captures read this launch's output from where it begins");
    }

    @Test
    void asAnAppHostWithoutTheBinaryItRefusesWithTheReason(@TempDir Path dir) {
        GamescopeCaptureBackend backend = new GamescopeCaptureBackend(new PipeWireCaptureBackend(),
                new GamescopeSettings(dir.resolve("gamescope").toString(), Optional.empty(), Duration.ofSeconds(1)));
        BackendException e = assertThrows(BackendException.class,
                () -> backend.host("game", new VideoMode(1280, 720, 60), dir.resolve("app.log")));
        assertEquals("gamescope is unavailable: gamescope not found at " + dir.resolve("gamescope"), e.getMessage());
    }

    @Test
    void theCommandListsSessionsAndTheSetting() {
        String out = GamescopeCommand.render(List.of("pid 12, node 40, running, node 40: gamescope -W 1 -- app"),
                "launch per session", "available");
        assertEquals("gamescope capture: available\nsetting: launch per session\n"
                + "  pid 12, node 40, running, node 40: gamescope -W 1 -- app\n", out);
        assertTrue(GamescopeCommand.render(List.of(), "s", "available").contains("no gamescope capture running"));
    }
}
