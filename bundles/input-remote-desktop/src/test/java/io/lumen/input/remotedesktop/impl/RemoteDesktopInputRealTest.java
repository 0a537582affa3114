package io.lumen.input.remotedesktop.impl;

import io.lumen.api.input.InputRequest;
import io.lumen.api.input.InputSession;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.api.input.TextInput;
import io.lumen.api.input.Touch;
import io.lumen.api.input.TouchAction;
import io.lumen.api.session.StreamRequest;
import io.lumen.testkit.Commands;
import io.lumen.testkit.Poll;
import io.lumen.testkit.pipewire.EventDemoOutput;
import io.lumen.testkit.pipewire.MutterCompositor;
import io.lumen.testkit.pipewire.PipeWireDaemon;
import io.lumen.testkit.pipewire.SessionBus;
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
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

import static io.lumen.testkit.pipewire.EventDemoOutput.axis;
import static io.lumen.testkit.pipewire.EventDemoOutput.lines;
import static io.lumen.testkit.pipewire.EventDemoOutput.motion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real headless Mutter (one 1280x720 virtual monitor, "Meta-0") on a private bus and PipeWire daemon, a
 * remote-desktop session linked to a cast of that monitor, and a real Wayland client that prints what it receives,
 * weston-eventdemo, whose window Mutter focuses when it appears and which covers the monitor's centre. Skipped
 * with the reason when mutter is not installed, unless {@value MutterCompositor#REQUIRE_ENV} is set (CI).
 */
class RemoteDesktopInputRealTest {

    private static final String S = "s1";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The keys the test types, as the client's virtual keys and their Linux codes. */
    private static final int VK_SHIFT = 0x10;
    private static final int VK_H = 0x48;
    private static final int VK_I = 0x49;
    private static final int VK_A = 0x41;
    private static final int VK_CONTROL = 0x11;
    private static final IntUnaryOperator KEYS = vk -> switch (vk) {
        case VK_SHIFT -> 42;
        case VK_CONTROL -> 29;
        case VK_H -> 35;
        case VK_I -> 23;
        case VK_A -> 30;
        default -> 0;
    };

    private static PipeWireDaemon daemon;
    private static SessionBus bus;
    private static MutterCompositor mutter;
    private static volatile LinkedMutterSession current;

    @BeforeAll
    static void startMutter() throws Exception {
        Optional<String> skip = MutterCompositor.skipReason();
        assumeTrue(skip.isEmpty(), () -> skip.orElse(""));
        daemon = PipeWireDaemon.start(false);
        bus = SessionBus.start();
        mutter = MutterCompositor.start(daemon, bus, "1280x720");
    }

    @AfterAll
    static void stop() {
        if (mutter != null) {
            mutter.close();
        }
        if (bus != null) {
            bus.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void keysTextPointerButtonsAndScrollReachAWaylandWindowOnTheStreamedMonitor() throws Exception {
        assumeTrue(Commands.onPath("weston-eventdemo") || System.getenv(MutterCompositor.REQUIRE_ENV) != null,
                "weston-eventdemo not installed (bash .ci/run installs weston)");
        Path log = mutter.clientLog();
        long start = Files.exists(log) ? Files.size(log) : 0;
        // line-buffered: the demo prints with stdio, which a file would otherwise hold back
        Process demo = mutter.startClient(List.of("stdbuf", "-oL", "weston-eventdemo", "--width=1000",
                "--height=560"));
        RecordingRemoteDesktop.Casts casts = new RecordingRemoteDesktop.Casts("mutter");
        RemoteDesktopInputBackend backend = new RemoteDesktopInputBackend(KEYS, System::nanoTime);
        backend.bindRemoteDesktops(casts, casts.properties());
        try (LinkedMutterSession linked = LinkedMutterSession.start(bus.address(), "Meta-0", 1280, 720)) {
            current = linked;
            await(log, start, line -> line.startsWith("redraw"), "weston-eventdemo's window on the monitor");
            RemoteDesktopInputSession session = (RemoteDesktopInputSession) backend.open(new InputRequest(S, "real test", 1280,
                    720, Map.of(StreamRequest.CAPTURE_BACKEND, "mutter")), feedback -> { });
            session.accept(new KeyChange(S, VK_A, true, 0, false)); // no cast yet: dropped and counted
            casts.put(S, linked);
            // the window may be drawn before Mutter shows it: point at one spot until it hears the pointer there
            long[] lastPointed = {0};
            boolean over = Poll.until(WAIT, () -> {
                if (System.nanoTime() - lastPointed[0] > TimeUnit.MILLISECONDS.toNanos(50)) {
                    lastPointed[0] = System.nanoTime();
                    session.accept(new MousePosition(S, 300, 170, 641, 361));
                }
                return lines(log, start).stream().anyMatch(line -> line.startsWith("motion"));
            });
            assertTrue(over, () -> "the window never heard the pointer: " + lines(log, start));
            String first = await(log, start, line -> line.startsWith("motion"), "the pointer over the window");
            // a view of 641x361 scaled onto the 1280x720 monitor: 100 view pixels across are 199.84 monitor pixels
            session.accept(new MousePosition(S, 320, 180, 641, 361));
            String placed = awaitMotionFrom(log, start, first, "the pointer placed");
            session.accept(new MousePosition(S, 420, 230, 641, 361));
            String moved = awaitMotionFrom(log, start, placed, "the absolute move");
            session.accept(new MouseMove(S, 10, 5));
            String nudged = awaitMotionFrom(log, start, moved, "the relative move");
            session.accept(new MouseButtonChange(S, MouseButton.LEFT, true));
            session.accept(new MouseButtonChange(S, MouseButton.LEFT, false));
            await(log, start, line -> line.startsWith("button") && line.contains("released"), "the click");
            // the window gets the keyboard with the session's first key (a headless Mutter has no keyboard till the
            // remote desktop types), which arrives in the focus's list of held keys, unprinted: a key to start with
            session.accept(new KeyChange(S, VK_CONTROL, true, 0, false));
            session.accept(new KeyChange(S, VK_CONTROL, false, 0, false));
            await(log, start, line -> line.startsWith("focus"), "the keyboard focus");
            for (int[] key : new int[][]{{VK_SHIFT, 1}, {VK_H, 1}, {VK_H, 0}, {VK_SHIFT, 0}, {VK_I, 1}, {VK_I, 0}}) {
                session.accept(new KeyChange(S, key[0], key[1] == 1, 0, false));
            }
            session.accept(new TextInput(S, "Hi"));
            await(log, start, line -> line.startsWith("key key: 23") && line.contains("released")
                    && lines(log, start).stream().filter(l -> l.startsWith("key key: 23")).count() >= 4,
                    "the typed text's last key");
            session.accept(new Scroll(S, ScrollAxis.VERTICAL, Scroll.NOTCH));
            session.accept(new Scroll(S, ScrollAxis.VERTICAL, -Scroll.NOTCH / 4));
            await(log, start, line -> line.startsWith("axis time")
                    && lines(log, start).stream().filter(l -> l.startsWith("axis time")).count() >= 2,
                    "both scrolls");
            // the demo prints no touch; Mutter taking the calls (small slots, points on the stream) is what is seen
            for (TouchAction action : List.of(TouchAction.DOWN, TouchAction.MOVE, TouchAction.UP)) {
                session.accept(new Touch(S, action, 4_000_000_000L, 0.5f, 0.5f, 0, 0, 0, Touch.UNKNOWN_ROTATION));
            }
            session.accept(new KeyChange(S, VK_A, true, 0, false)); // left held: close lets go of it
            session.close();
            await(log, start, line -> line.startsWith("key key: 30") && line.contains("released"),
                    "the release of the key the session still held");

            List<String> seen = lines(log, start);
            System.getLogger("lumen.input.remotedesktop.test").log(System.Logger.Level.INFO, "weston-eventdemo saw:\n"
                    + String.join("\n", seen));
            List<String> keys = seen.stream().filter(l -> l.startsWith("key ") && !l.startsWith("key key: 29,"))
                    .map(EventDemoOutput::keyAndState).toList();
            assertEquals(List.of("42 pressed", "35 pressed H", "35 released", "42 released", "23 pressed i",
                    "23 released", "42 pressed", "35 pressed H", "35 released", "42 released", "23 pressed i",
                    "23 released", "30 pressed a", "30 released"), keys, String.join("\n", seen));
            double[] at = motion(placed);
            double[] absolute = motion(moved);
            double[] relative = motion(nudged);
            assertEquals(100 * 1279 / 640.0, absolute[0] - at[0], 0.01, placed + " -> " + moved);
            assertEquals(50 * 719 / 360.0, absolute[1] - at[1], 0.01, placed + " -> " + moved);
            assertEquals(10.0, relative[0] - absolute[0], 0.01, moved + " -> " + nudged);
            assertEquals(5.0, relative[1] - absolute[1], 0.01, moved + " -> " + nudged);
            List<String> buttons = seen.stream().filter(l -> l.startsWith("button")).toList();
            assertEquals(2, buttons.size(), String.join("\n", seen));
            assertTrue(buttons.get(0).contains("button: 272") && buttons.get(0).contains("pressed"), buttons.get(0));
            assertTrue(buttons.get(1).contains("button: 272") && buttons.get(1).contains("released"), buttons.get(1));
            // a notch is a wheel's discrete step; a quarter notch a smooth scroll a quarter as far
            assertTrue(seen.contains("axis discrete axis: 0 value: -1"), "one notch up: " + String.join("\n", seen));
            List<String> axes = seen.stream().filter(l -> l.startsWith("axis time")).toList();
            assertTrue(axes.get(0).contains("vertical") && axis(axes.get(0)) < 0, "one notch up: " + axes);
            assertEquals(axis(axes.get(0)) / -4, axis(axes.get(1)), 0.01, "a quarter notch down: " + axes);
            assertEquals(Map.of(RemoteDesktopInputSession.noCast("mutter"), 1L), session.dropped());
            assertEquals(0, linked.dropped(), () -> "Mutter refused a call: " + linked.lastError());
        } finally {
            demo.destroy();
            demo.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The first motion after the last one at {@code previous}'s position: the window's answer to the next move. */
    private static String awaitMotionFrom(Path log, long from, String previous, String what) {
        String at = previous.substring(previous.indexOf(", x: "));
        return awaitIn(log, from, lines -> {
            int last = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("motion") && lines.get(i).endsWith(at)) {
                    last = i;
                }
            }
            return lines.subList(last + 1, lines.size()).stream()
                    .filter(line -> line.startsWith("motion") && !line.endsWith(at)).findFirst();
        }, what);
    }

    /** Polls the client's output for a line; fails with what it printed. */
    private static String await(Path log, long from, Predicate<String> wanted, String what) {
        return awaitIn(log, from, lines -> lines.stream().filter(wanted).findFirst(), what);
    }

    private static String awaitIn(Path log, long from, Function<List<String>, Optional<String>> find, String what) {
        String[] found = new String[1];
        Poll.until(WAIT, () -> {
            found[0] = find.apply(lines(log, from)).orElse(null);
            return found[0] != null;
        });
        if (found[0] == null) {
            throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; the client printed:\n"
                    + String.join("\n", lines(log, from)) + "\nMutter refused " + (current == null ? 0
                    : current.dropped()) + " calls, the last: " + (current == null ? "-" : current.lastError())
                    + "\nMutter:\n" + mutter.logTail(10));
        }
        return found[0];
    }
}
