package io.lumen.capture.kwin.impl;

import io.lumen.wayland.WaylandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KWin's screencast through the real libwayland-client and lumen's Wayland client, against the scripted KWin. */
class KwinScreencastTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private ScriptedKwin kwin;

    @BeforeEach
    void start() throws Exception {
        kwin = new ScriptedKwin(dir, true, true);
    }

    @AfterEach
    void stop() throws Exception {
        kwin.close();
    }

    private KwinScreencast connect() throws WaylandException {
        return KwinScreencast.open(kwin.socket().toString(), TIMEOUT);
    }

    @Test
    void theRegistryAndTheOutputsAreDescribed() throws Exception {
        try (KwinScreencast connection = connect()) {
            KwinRegistry registry = connection.registry(TIMEOUT);
            assertEquals(3, registry.screencastVersion());
            assertTrue(registry.looksLikeKwin());
            assertEquals(1, registry.outputs().size());
            assertEquals("Virtual-0 1920x1080@60 Hz scale 1 (a scripted output)",
                    registry.outputs().getFirst().describe());
            assertEquals(java.util.List.of(ScriptedKwin.WINDOW_UUID), registry.windows(),
                    "the stacking order's full list replaces the windows announced one by one");
            assertNotNull(kwin.awaitRequest("bind wl_output 4"));
            assertNotNull(kwin.awaitRequest("bind zkde_screencast_unstable_v1 3"));
            assertNotNull(kwin.awaitRequest("bind org_kde_plasma_window_management 13"));
        }
    }

    @Test
    void aCreatedEventGivesTheNodeAndCloseSendsTheDestructor() throws Exception {
        kwin.onStream = request -> new ScriptedKwin.Created(4242);
        try (KwinScreencast connection = connect()) {
            ScreencastStream stream = connection.streamVirtualOutput("lumen-7", 1280, 720, TIMEOUT);
            assertEquals(4242, connection.await(stream.node(), TIMEOUT, "created"));
            assertEquals("stream_virtual_output lumen-7 1280x720 scale 256 pointer 2",
                    kwin.awaitRequest("stream_virtual_output"));
            assertEquals("node 4242", stream.state());
            stream.close();
            assertEquals("close", kwin.awaitRequest("close"));
            assertFalse(stream.ended().isDone(), "a stream lumen closed is not reported as ended");
        }
        assertEquals("disconnected", kwin.awaitRequest("disconnected"));
    }

    @Test
    void aFailedEventIsKwinsOwnErrorText() throws Exception {
        kwin.onStream = request -> new ScriptedKwin.Failed("Could not find output");
        try (KwinScreencast connection = connect()) {
            ScreencastStream stream = connection.streamVirtualOutput("lumen-1", 640, 480, TIMEOUT);
            WaylandException e = assertThrows(WaylandException.class,
                    () -> connection.await(stream.node(), TIMEOUT, "created"));
            assertEquals("KWin failed the stream of virtual output lumen-1 640x480: Could not find output",
                    e.getMessage());
        }
    }

    @Test
    void aSilentCompositorCostsTheCallerItsTimeoutAndNoMore() throws Exception {
        kwin.onStream = request -> new ScriptedKwin.Silent();
        try (KwinScreencast connection = connect()) {
            ScreencastStream stream = connection.streamOutput(ScriptedKwin.OUTPUT_NAME, TIMEOUT);
            long start = System.nanoTime();
            WaylandException e = assertThrows(WaylandException.class,
                    () -> connection.await(stream.node(), Duration.ofMillis(300), "KWin's created event"));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited < 2000, "waited " + waited + " ms");
            assertTrue(e.getMessage().endsWith("did not answer (KWin's created event) within 300 ms"), e.getMessage());
            assertEquals("stream_output output Virtual-0 pointer 2", kwin.awaitRequest("stream_output"));
        }
    }

    @Test
    void aClosedEventAfterCreatedEndsTheStream() throws Exception {
        try (KwinScreencast connection = connect()) {
            ScreencastStream stream = connection.streamVirtualOutput("lumen-2", 800, 600, TIMEOUT);
            connection.await(stream.node(), TIMEOUT, "created");
            kwin.closeStreams();
            assertEquals("KWin closed the stream of virtual output lumen-2 800x600",
                    stream.ended().get(5, TimeUnit.SECONDS));
            assertEquals("closed by KWin", stream.state());
        }
    }

    @Test
    void aHangUpIsAClearLoss() throws Exception {
        try (KwinScreencast connection = connect()) {
            ScreencastStream stream = connection.streamVirtualOutput("lumen-3", 800, 600, TIMEOUT);
            connection.await(stream.node(), TIMEOUT, "created");
            kwin.hangUp();
            String reason = stream.ended().get(5, TimeUnit.SECONDS);
            assertTrue(reason.startsWith("the Wayland connection to KWin was lost while streaming virtual output"
                    + " lumen-3 800x600: the compositor closed the connection ("), reason);
            assertTrue(connection.lost().isDone());
            assertThrows(WaylandException.class, () -> connection.registry(TIMEOUT));
        }
    }

    @Test
    void aHangUpInsteadOfAnAnswerFailsTheRequest() throws Exception {
        kwin.onStream = request -> new ScriptedKwin.HangUp();
        try (KwinScreencast connection = connect()) {
            ScreencastStream stream = connection.streamVirtualOutput("lumen-4", 800, 600, TIMEOUT);
            WaylandException e = assertThrows(WaylandException.class,
                    () -> connection.await(stream.node(), TIMEOUT, "created"));
            assertTrue(e.getMessage().contains("the compositor closed the connection"), e.getMessage());
        }
    }

    @Test
    void malformedOrUnexpectedMessagesEndOnlyThatConnection() throws Exception {
        for (ScriptedKwin.Reply bad : new ScriptedKwin.Reply[]{new ScriptedKwin.Truncated(),
                new ScriptedKwin.UnknownEvent(), new ScriptedKwin.ProtocolError("scripted refusal")}) {
            kwin.onStream = request -> bad;
            try (KwinScreencast connection = connect()) {
                ScreencastStream stream = connection.streamVirtualOutput("lumen-5", 800, 600, TIMEOUT);
                WaylandException e = assertThrows(WaylandException.class,
                        () -> connection.await(stream.node(), TIMEOUT, "created"), bad.toString());
                assertTrue(e.getMessage().startsWith("the Wayland connection to KWin was lost while streaming"),
                        bad + ": " + e.getMessage());
                String expected = switch (bad) {
                    case ScriptedKwin.ProtocolError p -> "the compositor raised a protocol error (code 0 on"
                            + " zkde_screencast_stream_unstable_v1#";
                    case ScriptedKwin.UnknownEvent u -> "libwayland-client: interface"
                            + " 'zkde_screencast_stream_unstable_v1' has no event 9";
                    default -> "libwayland-client: message too short";
                };
                assertTrue(e.getMessage().contains(expected), bad + ": " + e.getMessage());
            }
        }
        kwin.onStream = request -> new ScriptedKwin.Created(9);
        try (KwinScreencast connection = connect()) {
            ScreencastStream stream = connection.streamVirtualOutput("lumen-6", 800, 600, TIMEOUT);
            assertEquals(9, connection.await(stream.node(), TIMEOUT, "created"), "the next connection works");
        }
    }

    @Test
    void anUnknownOutputNamesTheOnesThereAre() throws Exception {
        try (KwinScreencast connection = connect()) {
            WaylandException e = assertThrows(WaylandException.class,
                    () -> connection.streamOutput("HDMI-A-1", TIMEOUT));
            assertTrue(e.getMessage().endsWith("has no output named \"HDMI-A-1\"; it has: Virtual-0"), e.getMessage());
        }
    }

    @Test
    void noSocketIsAClearConnectError() {
        WaylandException e = assertThrows(WaylandException.class,
                () -> KwinScreencast.open(dir.resolve("nothing-here").toString(), TIMEOUT));
        assertEquals("cannot connect to the Wayland display " + dir.resolve("nothing-here")
                + ": No such file or directory (errno 2)", e.getMessage());
    }
}
