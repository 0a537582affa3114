package io.lumen.protocol.moonlight.impl;

import io.lumen.api.capture.CaptureRequest;
import io.lumen.testkit.Poll;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An app that takes its time to quit holds up its /cancel only, not every other HTTPS client. */
@Timeout(120)
class SlowQuitTest {

    /** Ignores SIGTERM (its sleep inherits that), so quitting it takes the whole grace period before SIGKILL. */
    private static final String APPS = """
            [Stubborn]
            command = trap '' TERM; sleep 600
            id = 11
            """;

    @TempDir
    Path dir;
    private RunningHost running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void otherRequestsAreAnsweredWhileACancelWaitsForTheApp() throws Exception {
        running = new RunningHost(dir, APPS);
        MoonlightTestClient client = running.paired("canceller");
        assertEquals(200, client.launch(11, "1280x720x60").status());
        long pid = Long.parseLong(running.host.running().orElseThrow().captureOptions().get(CaptureRequest.APP_PID));
        ProcessHandle app = ProcessHandle.of(pid).orElseThrow();
        assertTrue(Poll.until(Duration.ofSeconds(10), () -> app.descendants().findAny().isPresent()),
                "the shell set its trap and started sleeping");

        CompletableFuture<Long> cancelled = CompletableFuture.supplyAsync(() -> {
            try {
                Reply reply = client.cancel();
                assertEquals(200, reply.status(), reply.toString());
                assertEquals("1", reply.field("cancel"));
                return System.nanoTime();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(Poll.until(Duration.ofSeconds(10), () -> running.host.running().isEmpty()), "the quit began");
        Reply info = client.https("/serverinfo", "");
        long answered = System.nanoTime();
        assertEquals(200, info.status());
        assertEquals("0", info.field("currentgame"), "the launch is over while its app still stops");

        long cancelDone = cancelled.get();
        assertTrue(answered < cancelDone, "serverinfo was answered "
                + Duration.ofNanos(answered - cancelDone).toMillis() + " ms after the cancel, not before");
        assertFalse(app.isAlive(), "the cancel is answered once the app is gone");
    }
}
