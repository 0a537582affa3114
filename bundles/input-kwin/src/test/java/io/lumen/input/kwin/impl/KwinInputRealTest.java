package io.lumen.input.kwin.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.testkit.Poll;
import io.lumen.testkit.pipewire.EventDemoOutput;
import io.lumen.testkit.pipewire.KwinCompositor;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import io.lumen.wayland.WaylandSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

import static io.lumen.testkit.pipewire.EventDemoOutput.lines;
import static io.lumen.testkit.pipewire.EventDemoOutput.motion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real kwin_wayland ({@code --virtual}, one 1280x720 output) and a real Wayland client that prints what it
 * receives, weston-eventdemo: its window gets the keyboard focus when it appears (KWin focuses a new window), and
 * is big enough (1000x560) to cover the output's centre wherever KWin places it. Skipped with the reason when
 * kwin_wayland is not installed, unless {@value KwinCompositor#REQUIRE_ENV} is set (CI).
 */
class KwinInputRealTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The keys the test types, as the client's virtual keys and their Linux codes. */
    private static final int VK_SHIFT = 0x10;
    private static final int VK_H = 0x48;
    private static final int VK_I = 0x49;
    private static final int VK_A = 0x41;
    private static final IntUnaryOperator KEYS = vk -> switch (vk) {
        case VK_SHIFT -> 42;
        case VK_H -> 35;
        case VK_I -> 23;
        case VK_A -> 30;
        default -> 0;
    };

    private static PipeWireDaemon daemon;
    private static KwinCompositor kwin;

    @BeforeAll
    static void startKwin() throws Exception {
        Optional<String> skip = KwinCompositor.skipReason();
        assumeTrue(skip.isEmpty(), () -> skip.orElse(""));
        daemon = PipeWireDaemon.start(false);
        kwin = KwinCompositor.start(daemon, 1280, 720, true);
    }

    @AfterAll
    static void stop() {
        if (kwin != null) {
            kwin.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static KwinInputBackend backend(KwinCompositor compositor) {
        return new KwinInputBackend(WaylandSettings.of(compositor.socket().toString(), TIMEOUT), KEYS,
                System::nanoTime);
    }

    private static InputRequest request() {
        return new InputRequest("s1", "real test", 1280, 720, Map.of());
    }

    @Test
    void aWaylandWindowReceivesExactlyTheInjectedKeysPointerAndButtons() throws Exception {
        assumeTrue(KwinCompositor.installed("weston-eventdemo") || System.getenv(KwinCompositor.REQUIRE_ENV) != null,
                "weston-eventdemo not installed (bash .ci/run installs weston)");
        Path log = kwin.clientLog();
        long start = Files.exists(log) ? Files.size(log) : 0;
        // line-buffered: the demo prints with stdio, which a file would otherwise hold back
        Process demo = kwin.startClient(List.of("stdbuf", "-oL", "weston-eventdemo", "--width=1000",
                "--height=560"));
        try {
            await(log, start, line -> line.startsWith("focus"), "weston-eventdemo's window to get the focus");
            String placed;
            String moved;
            try (InputSession session = backend(kwin).open(request(), feedback -> { })) {
                for (int[] key : new int[][]{{VK_SHIFT, 1}, {VK_H, 1}, {VK_H, 0}, {VK_SHIFT, 0}, {VK_I, 1}, {VK_I, 0}}) {
                    session.accept(new KeyChange("s1", key[0], key[1] == 1, 0, false));
                }
                await(log, start, line -> line.startsWith("key key: 23") && line.contains("released"),
                        "the last key");
                // KWin puts a pointer on its seat only once a fake input device exists: move until the window hears it
                Poll.every(Duration.ofMillis(50)).holdsWithin(Duration.ofSeconds(10), () -> {
                    try {
                        session.accept(new MousePosition("s1", 640, 360, 1280, 720));
                    } catch (BackendException e) {
                        throw new AssertionError("the pointer move failed", e);
                    }
                    return lines(log, start).stream().anyMatch(l -> l.startsWith("motion"));
                });
                placed = await(log, start, line -> line.startsWith("motion"), "the pointer over the window");
                session.accept(new MouseMove("s1", 10, 5));
                String first = placed;
                moved = await(log, start, line -> line.startsWith("motion") && !line.equals(first)
                        && lines(log, start).indexOf(line) > lines(log, start).indexOf(first), "the relative move");
                session.accept(new MouseButtonChange("s1", MouseButton.LEFT, true));
                session.accept(new MouseButtonChange("s1", MouseButton.LEFT, false));
                await(log, start, line -> line.startsWith("button") && line.contains("released"), "the click");
                session.accept(new Scroll("s1", ScrollAxis.VERTICAL, Scroll.NOTCH));
                await(log, start, line -> line.startsWith("axis"), "the scroll");
                session.accept(new KeyChange("s1", VK_A, true, 0, false)); // left held: close releases it
            }
            await(log, start, line -> line.startsWith("key key: 30") && line.contains("released"),
                    "the release of the key the session still held");
            List<String> seen = lines(log, start);
            System.getLogger("lumen.input.kwin.test").log(System.Logger.Level.INFO, "weston-eventdemo saw:\n"
                    + String.join("\n", seen));
            List<String> keys = seen.stream().filter(l -> l.startsWith("key ")).map(EventDemoOutput::keyAndState)
                    .toList();
            assertEquals(List.of("42 pressed", "35 pressed H", "35 released", "42 released", "23 pressed i",
                    "23 released", "30 pressed a", "30 released"), keys, String.join("\n", seen));
            double[] before = motion(placed);
            double[] after = motion(moved);
            assertEquals(10.0, after[0] - before[0], 0.01, placed + " -> " + moved);
            assertEquals(5.0, after[1] - before[1], 0.01, placed + " -> " + moved);
            List<String> buttons = seen.stream().filter(l -> l.startsWith("button")).toList();
            assertEquals(2, buttons.size(), String.join("\n", seen));
            assertTrue(buttons.get(0).contains("button: 272") && buttons.get(0).contains("pressed"), buttons.get(0));
            assertTrue(buttons.get(1).contains("button: 272") && buttons.get(1).contains("released"), buttons.get(1));
            String axis = seen.stream().filter(l -> l.startsWith("axis")).findFirst().orElseThrow();
            assertTrue(axis.contains("vertical") && axis.contains("value: -15"), "one notch up: " + axis);
        } finally {
            demo.destroy();
            demo.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutTrustKwinHidesFakeInputAndADesktopFileForLumensExecutableGrantsIt() throws Exception {
        try (KwinCompositor distrusting = KwinCompositor.start(daemon, 800, 600, false)) {
            String probe = backend(distrusting).probe().toString();
            assertTrue(probe.startsWith("unavailable: KWin at " + distrusting.socket() + " does not offer"
                    + " org_kde_kwin_fake_input to lumen"), probe);
        }
        Path java = Path.of(KwinInputBackend.executable());
        try (KwinCompositor trustingJava = KwinCompositor.start(daemon, 800, 600, false, Optional.of(java),
                List.of(FakeInput.INTERFACE))) {
            assertEquals("available", backend(trustingJava).probe().toString(), "KWin trusts " + java);
        }
    }

    /** Polls the client's output for a line; fails with what it printed after 10 s. */
    private static String await(Path log, long from, Predicate<String> wanted, String what) {
        try {
            return Poll.every(Duration.ofMillis(20)).awaits(what, Duration.ofSeconds(10),
                    () -> lines(log, from).stream().filter(wanted).findFirst(), Optional::isPresent).orElseThrow();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the client printed:\n" + String.join("\n", lines(log, from))
                    + "\nKWin:\n" + kwin.logTail(10), e);
        }
    }
}
