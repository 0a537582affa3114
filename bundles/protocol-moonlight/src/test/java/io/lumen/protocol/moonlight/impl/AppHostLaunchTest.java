package io.lumen.protocol.moonlight.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.capture.AppHost;
import io.lumen.api.capture.CaptureRequest;
import io.lumen.api.capture.HostedApp;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.StreamRequest;
import io.lumen.protocol.moonlight.impl.launch.LaunchSession;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apps whose capture is an app host (as gamescope is): the launcher runs the host's command line around the app's
 * command, hands the host's options and the pid to the launch's captures, stops it at quit, and refuses the launch
 * with the host's reason when the host cannot run it. The host here is a real one of the smallest kind: a shell
 * that announces the app and the mode, then becomes the app.
 */
@Timeout(120)
class AppHostLaunchTest {

    private static final String APPS = """
            [Boxed]
            command = sleep 600
            capture = boxed
            id = 11

            [Refused]
            command = sleep 600
            capture = broken
            id = 12

            [Aimed]
            command = sleep 600
            capture = boxed some-window
            id = 13

            [Unhosted]
            command = sleep 600
            capture = pipewire
            id = 14
            """;

    /** Runs the app under a shell that first prints what it hosts, and where the output file is. */
    private static final AppHost BOXED = new AppHost() {
        @Override
        public String id() {
            return "boxed";
        }

        @Override
        public HostedApp host(String appCommand, VideoMode mode, Path output) {
            return new HostedApp(List.of("/bin/sh", "-c", "echo \"boxed '$1' at $2\"; exec /bin/sh -c \"$1\"",
                    "boxed", appCommand, mode.toString()), Map.of("boxed.output", output.toString()));
        }
    };

    private static final AppHost BROKEN = new AppHost() {
        @Override
        public String id() {
            return "broken";
        }

        @Override
        public HostedApp host(String appCommand, VideoMode mode, Path output) throws BackendException {
            throw new BackendException("broken-host not found on PATH");
        }
    };

    @TempDir
    Path dir;

    private RunningHost running;
    private MoonlightTestClient client;

    @BeforeEach
    void start() throws Exception {
        running = new RunningHost(dir, APPS, () -> CodecModes.H264,
                id -> List.of(BOXED, BROKEN).stream().filter(h -> h.id().equals(id)).findFirst());
        client = running.paired("couch");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void aHostedAppRunsInsideItsHostWhoseOptionsAndPidReachTheCaptures() throws Exception {
        assertEquals(200, client.launch(11, "1280x720x60").status());
        LaunchSession launch = running.host.running().orElseThrow();
        Map<String, String> options = launch.captureOptions();
        Path output = running.data.resolve("log").resolve("app-11.log");
        assertEquals(output.toString(), options.get("boxed.output"), "the host's option, naming the app's output");
        assertEquals("boxed", options.get(StreamRequest.CAPTURE_BACKEND));
        long pid = Long.parseLong(options.get(CaptureRequest.APP_PID));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("app.pid is no process"));
        awaitOutput(output, "boxed 'sleep 600' at 1280x720x60");
        // the host execs the app just after printing: /proc shows the new command line a moment later
        Poll.every(Duration.ofMillis(20)).awaits("the host to become the app", Duration.ofSeconds(10),
                () -> process.info().commandLine(), line -> line.orElse("").matches(".*sh -c sleep 600"));

        assertEquals(200, client.resume("1920x1080x60").status());
        assertEquals(options, running.host.running().orElseThrow().captureOptions(),
                "a resume captures what the launch started, with the same options");

        assertEquals("1", client.cancel().field("cancel"));
        assertFalse(process.isAlive(), "quitting stops the hosted app");
    }

    @Test
    void aHostThatCannotRunTheAppRefusesTheLaunchWithItsReason() throws Exception {
        Reply refused = client.launch(12, "1280x720x60");
        assertEquals(503, refused.status());
        assertTrue(refused.toString().contains("the app runs inside broken, which cannot start it: broken-host not"
                + " found on PATH"), refused.toString());
        assertTrue(running.host.running().isEmpty(), "nothing runs");
        assertEquals("SUNSHINE_SERVER_FREE", client.https("/serverinfo", "").field("state"));
        assertEquals(200, client.launch(11, "1280x720x60").status(), "and the next launch works");
        client.cancel();
    }

    @Test
    void anAppWithATargetOrWithoutAHostRunsItsOwnCommand() throws Exception {
        for (int app : new int[] {13, 14}) {
            assertEquals(200, client.launch(app, "1280x720x60").status());
            Map<String, String> options = running.host.running().orElseThrow().captureOptions();
            assertNull(options.get("boxed.output"), "not hosted: " + options);
            ProcessHandle process = ProcessHandle.of(Long.parseLong(options.get(CaptureRequest.APP_PID)))
                    .orElseThrow();
            String commandLine = awaitCommandLine(process);
            assertTrue(commandLine.contains("sleep 600") && !commandLine.contains("boxed"),
                    "the app's own command, not the host's: " + commandLine);
            client.cancel();
        }
    }

    /** The process's command line, once /proc shows one (it shows none for a moment around an exec). */
    private static String awaitCommandLine(ProcessHandle process) {
        return Poll.every(Duration.ofMillis(20)).awaits("a command line for pid " + process.pid(),
                Duration.ofSeconds(10), () -> process.info().commandLine(), Optional::isPresent).orElseThrow();
    }

    private static void awaitOutput(Path output, String line) {
        Poll.every(Duration.ofMillis(20)).awaits("the host's command line to print \"" + line + "\" to " + output,
                Duration.ofSeconds(10), () -> {
                    try {
                        return Files.exists(output) && Files.readString(output).contains(line);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }
}
