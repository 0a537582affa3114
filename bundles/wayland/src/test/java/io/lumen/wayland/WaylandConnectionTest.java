package io.lumen.wayland;

import io.lumen.testkit.wayland.ScriptedCompositor;
import io.lumen.testkit.wayland.WireMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real libwayland-client, through lumen's FFM binding, against the scripted compositor, with a test protocol:
 * {@code lumen_test_echo} answers {@code echo(s, i, f)} with {@code echoed(s, i, f)}, {@code make(n)} creates a
 * {@code lumen_test_child} that says {@code hello(u)}, and a bad request makes it misbehave on purpose.
 */
class WaylandConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String ECHO = "lumen_test_echo";
    private static final String CHILD = "lumen_test_child";
    private static final WaylandInterface CHILD_INTERFACE = WaylandInterface.named(CHILD, 1)
            .request("destroy", "")
            .event("hello", "u")
            .build();
    private static final WaylandInterface ECHO_INTERFACE = WaylandInterface.named(ECHO, 2)
            .request("echo", "sif")
            .request("make", "n", CHILD_INTERFACE)
            .request("misbehave", "u")
            .request("ignore", "")
            .event("echoed", "sif")
            .build();

    @TempDir
    Path dir;
    private ScriptedCompositor compositor;

    @AfterEach
    void stop() throws Exception {
        if (compositor != null) {
            compositor.close();
        }
    }

    private WaylandConnection connect(boolean echoAdvertised) throws Exception {
        compositor = new ScriptedCompositor(dir, List.of(new ScriptedCompositor.Output("Left-1", 0, 0, 1920, 1080),
                new ScriptedCompositor.Output("Right-1", 1920, 0, 1280, 1024)),
                echoAdvertised ? List.of(new ScriptedCompositor.Global(7, ECHO, 3)) : List.of(), new EchoScript());
        return WaylandConnection.open(compositor.socket().toString(), TIMEOUT);
    }

    /** The echo's misbehaviours, by the argument of {@code misbehave}. */
    private static final int TRUNCATED = 1;
    private static final int UNKNOWN_EVENT = 2;
    private static final int PROTOCOL_ERROR = 3;

    private static final class EchoScript implements ScriptedCompositor.Script {
        @Override
        public boolean request(ScriptedCompositor.Client client, int object, String iface, int opcode,
                               WireMessage.Reader args) throws IOException {
            switch (iface + "." + opcode) {
                case ECHO + ".0" -> client.send(new WireMessage(object, 0).s(args.s()).u(args.u()).u(args.u()));
                case ECHO + ".1" -> {
                    int child = args.u();
                    client.created(child, CHILD);
                    client.send(new WireMessage(child, 0).u(42));
                }
                case ECHO + ".2" -> {
                    switch (args.u()) {
                        case TRUNCATED -> client.send(new WireMessage(object, 0).u(1000));
                        case UNKNOWN_EVENT -> client.send(new WireMessage(object, 9).u(1));
                        default -> client.send(new WireMessage(1, 0).u(object).u(3).s("scripted refusal"));
                    }
                }
                case ECHO + ".3" -> {
                }
                case CHILD + ".0" -> client.destroyed(object);
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    private record Event(long proxy, int opcode, List<Object> args) {
    }

    @Test
    void theRegistryAndTheOutputsAreDescribed() throws Exception {
        try (WaylandConnection connection = connect(true)) {
            RegistrySnapshot registry = connection.snapshot(TIMEOUT);
            assertEquals(3, registry.version(ECHO));
            assertEquals(0, registry.version("org_kde_kwin_fake_input"));
            assertEquals(Map.of("wl_compositor", 5, "wl_output", 4, ECHO, 3), registry.globals());
            assertEquals(List.of(new OutputInfo("Left-1", "a scripted output", 0, 0, 1920, 1080, 60000, 1),
                    new OutputInfo("Right-1", "a scripted output", 1920, 0, 1280, 1024, 60000, 1)), registry.outputs());
            assertEquals("Right-1 1280x1024@60 Hz scale 1 (a scripted output)", registry.outputs().get(1).describe());
            assertNotNull(compositor.awaitRequest("bind wl_output 4"));
        }
    }

    @Test
    void requestsGoOutByOpcodeAndEventsComeBackDecoded() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        try (WaylandConnection connection = connect(true)) {
            WaylandProxy echo = connection.call(requests -> requests.bind(ECHO_INTERFACE, 9,
                    (proxy, opcode, args) -> events.add(new Event(proxy.address(), opcode,
                            List.of(args.stringAt(0), args.intAt(1), args.fixedAt(2))))).orElseThrow(),
                    TIMEOUT, "bind");
            assertEquals(2, echo.version(), "the lowest of advertised (3), asked (9) and described (2)");
            assertNotNull(compositor.awaitRequest("bind " + ECHO + " 2"));
            connection.call(requests -> {
                requests.send(echo, 0, "grüß dich", -7, Fixed.of(-1.5));
                return null;
            }, TIMEOUT, "echo");
            Event echoed = events.poll(5, TimeUnit.SECONDS);
            assertNotNull(echoed);
            assertEquals(new Event(echo.address(), 0, List.of("grüß dich", -7, -1.5)), echoed);
        }
    }

    @Test
    void createdObjectsHearTheirEventsAndDestructorsFreeThem() throws Exception {
        BlockingQueue<Integer> hellos = new LinkedBlockingQueue<>();
        try (WaylandConnection connection = connect(true)) {
            WaylandProxy child = connection.call(requests -> {
                WaylandProxy echo = requests.bind(ECHO_INTERFACE, 2, EventHandler.IGNORE).orElseThrow();
                return requests.create(echo, 1, CHILD_INTERFACE, (proxy, opcode, args) -> hellos.add(args.intAt(0)),
                        Requests.NEW_ID);
            }, TIMEOUT, "make");
            assertEquals(42, hellos.poll(5, TimeUnit.SECONDS));
            assertEquals(CHILD, child.iface().name());
            connection.call(requests -> {
                requests.destroy(child, 0);
                return null;
            }, TIMEOUT, "destroy");
            WaylandException e = assertThrows(WaylandException.class, () -> connection.call(requests -> {
                requests.destroy(child, 0);
                return null;
            }, TIMEOUT, "destroy again"));
            assertTrue(e.getMessage().contains("already destroyed"), e.getMessage());
        }
    }

    @Test
    void aGlobalTheCompositorDoesNotAdvertiseIsEmptyNotAnError() throws Exception {
        try (WaylandConnection connection = connect(false)) {
            assertTrue(connection.call(requests -> requests.bind(ECHO_INTERFACE, 2, EventHandler.IGNORE), TIMEOUT,
                    "bind").isEmpty());
        }
    }

    @Test
    void aSilentCompositorCostsTheCallerItsTimeoutAndNoMore() throws Exception {
        try (WaylandConnection connection = connect(true)) {
            CompletableFuture<Void> never = new CompletableFuture<>();
            connection.call(requests -> {
                requests.send(requests.bind(ECHO_INTERFACE, 2, EventHandler.IGNORE).orElseThrow(), 3);
                return null;
            }, TIMEOUT, "ignore");
            long start = System.nanoTime();
            WaylandException e = assertThrows(WaylandException.class,
                    () -> connection.await(never, Duration.ofMillis(300), "an answer"));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited < 2000, "waited " + waited + " ms");
            assertTrue(e.getMessage().endsWith("did not answer (an answer) within 300 ms"), e.getMessage());
            connection.await(connection.sync(), TIMEOUT, "a round trip after the timeout");
        }
    }

    @Test
    void aHangUpIsAClearLoss() throws Exception {
        try (WaylandConnection connection = connect(true)) {
            compositor.hangUp();
            String reason = connection.lost().get(5, TimeUnit.SECONDS);
            assertTrue(reason.startsWith("the compositor closed the connection ("), reason);
            WaylandException e = assertThrows(WaylandException.class, () -> connection.snapshot(TIMEOUT));
            assertTrue(e.getMessage().contains("was lost: the compositor closed the connection"), e.getMessage());
        }
    }

    @Test
    void malformedOrUnexpectedMessagesEndOnlyThatConnection() throws Exception {
        connect(true).close();
        for (int bad : new int[]{TRUNCATED, UNKNOWN_EVENT, PROTOCOL_ERROR}) {
            try (WaylandConnection connection = WaylandConnection.open(compositor.socket().toString(), TIMEOUT)) {
                connection.call(requests -> {
                    requests.send(requests.bind(ECHO_INTERFACE, 2, EventHandler.IGNORE).orElseThrow(), 2, bad);
                    return null;
                }, TIMEOUT, "misbehave");
                String reason = connection.lost().get(5, TimeUnit.SECONDS);
                String expected = switch (bad) {
                    case PROTOCOL_ERROR -> "the compositor raised a protocol error (code 3 on " + ECHO + "#";
                    case UNKNOWN_EVENT -> "libwayland-client: interface '" + ECHO + "' has no event 9";
                    default -> "libwayland-client: message too short";
                };
                assertTrue(reason.contains(expected), bad + ": " + reason);
            }
        }
        try (WaylandConnection connection = WaylandConnection.open(compositor.socket().toString(), TIMEOUT)) {
            assertEquals(2, connection.snapshot(TIMEOUT).outputs().size(), "the next connection works");
        }
    }

    @Test
    void noSocketIsAClearConnectError() {
        WaylandException e = assertThrows(WaylandException.class,
                () -> WaylandConnection.open(dir.resolve("nothing-here").toString(), TIMEOUT));
        assertEquals("cannot connect to the Wayland display " + dir.resolve("nothing-here")
                + ": No such file or directory (errno 2)", e.getMessage());
    }

    @Test
    void fixedIs24Dot8RoundedAndSaturated() {
        assertEquals(256, Fixed.of(1.0));
        assertEquals(-384, Fixed.of(-1.5));
        assertEquals(1, Fixed.of(0.004));
        assertEquals(0, Fixed.of(0.001));
        assertEquals(Integer.MAX_VALUE, Fixed.of(1e9));
        assertEquals(Integer.MIN_VALUE, Fixed.of(-1e9));
        assertEquals(-1.5, Fixed.toDouble(Fixed.of(-1.5)));
        assertEquals(3, Dispatcher.argumentCount("2?sou"));
    }
}
