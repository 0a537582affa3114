package io.lumen.itest;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.input.InputBackend;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.KeyCodes;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.PadFeedback;
import io.lumen.api.session.InputStats;
import io.lumen.api.session.SessionManager;
import io.lumen.api.session.StreamSession;
import io.lumen.api.session.SwapEvent;
import io.lumen.testkit.Poll;
import io.lumen.testkit.input.RecordingInput;
import io.lumen.testkit.moonlight.ClientInput;
import io.lumen.testkit.moonlight.ControlTestClient;
import io.lumen.testkit.moonlight.LaunchKeys;
import io.lumen.testkit.moonlight.MoonlightTestClient;
import io.lumen.testkit.moonlight.PadFeedbackMessage;
import io.lumen.testkit.moonlight.Reply;
import io.lumen.testkit.moonlight.StreamOffer;
import io.lumen.testkit.moonlight.StreamingTestClient;
import io.lumen.testkit.x11.XInputObserver;
import io.lumen.testkit.x11.XiEvent;
import io.lumen.testkit.x11.XvfbServer;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import javax.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.OptionUtils.combine;

/**
 * A Moonlight client controls an X desktop through lumen inside Felix: what it types, moves, clicks and scrolls
 * reaches a private Xvfb through input-x11, as an X client watching the root window sees it. The input backend is
 * swapped mid-stream and back, and the session ending lets go of what the client held.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InputIT {

    /** Set by the container's configuration when no X server could run here: why this test is skipped. */
    private static final String SKIPPED = "lumen.itest.x11.skipped";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int SHIFT = 0xA0;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    private SessionManager sessions;

    /** Points input-x11 at a private Xvfb. */
    @org.ops4j.pax.exam.Configuration
    public Option[] config() throws IOException {
        Option[] container = LumenContainer.options(List.of("lumen-encode-libav", "lumen-encode-x264"));
        XvfbServer server = ContainerServers.xvfb(SKIPPED).orElse(null);
        if (server == null) {
            return container;
        }
        return combine(container, frameworkProperty("lumen.x11.display").value(server.display()));
    }

    @Test
    public void whatTheClientTypesMovesClicksAndScrollsReachesTheXServer() throws Exception {
        String display = prepare();
        MoonlightHostFixture host = MoonlightHostFixture.onFreePorts(context, configurationAdmin, Map.of());
        try (XInputObserver x = XInputObserver.start(display)) {
            MoonlightTestClient client = host.pairedClient("pax-input");
            StreamSession session;
            try (StreamingTestClient stream = streamDesktop(host, client)) {
                session = awaitSession("pax-input", "x11");
                ControlTestClient control = stream.control();
                control.sendInput(ClientInput.key(SHIFT, true, 0, false));
                control.sendInput(ClientInput.key(0x41, true, 0x01, false));
                control.sendInput(ClientInput.key(0x41, false, 0x01, false));
                control.sendInput(ClientInput.key(SHIFT, false, 0, false));
                assertEquals("shift, A, A, shift in order", List.of(new XiEvent.Key(true, x11(SHIFT)),
                        new XiEvent.Key(true, x11(0x41)), new XiEvent.Key(false, x11(0x41)),
                        new XiEvent.Key(false, x11(SHIFT))), x.awaitAll(XiEvent.Key.class, 4, WAIT));

                // the client's view is 320x240 (the stream); the X screen is 1280x720
                control.sendInput(ClientInput.mousePosition(160, 120, 320, 240));
                x.awaitNext(XiEvent.Motion.class, m -> near(m, 1279 * 160 / 319.0, 719 * 120 / 239.0), WAIT);
                control.sendInput(ClientInput.mouseMove(25, -10));
                XiEvent.Motion moved = x.awaitNext(XiEvent.Motion.class,
                        m -> near(m, 1279 * 160 / 319.0 + 25, 719 * 120 / 239.0 - 10), WAIT);
                for (MouseButton button : List.of(MouseButton.LEFT, MouseButton.RIGHT)) {
                    control.sendInput(ClientInput.mouseButton(button, true));
                    control.sendInput(ClientInput.mouseButton(button, false));
                }
                control.sendInput(ClientInput.scroll(120));
                control.sendInput(ClientInput.scroll(-120));
                control.sendInput(ClientInput.horizontalScroll(60));
                control.sendInput(ClientInput.horizontalScroll(60));
                List<XiEvent.Button> clicks = x.awaitAll(XiEvent.Button.class, 10, WAIT);
                assertEquals("left, right, wheel up, wheel down, one notch right out of two halves",
                        List.of(1, 1, 3, 3, 4, 4, 5, 5, 7, 7), clicks.stream().map(XiEvent.Button::button).toList());
                for (int i = 0; i < clicks.size(); i++) {
                    assertEquals("press then release", i % 2 == 0, clicks.get(i).pressed());
                    assertTrue("clicked where the pointer was: " + clicks.get(i), near(clicks.get(i), moved));
                }

                control.sendInput(ClientInput.key(0x42, true, 0, false)); // held as the client goes
                x.awaitNext(XiEvent.Key.class, k -> k.pressed() && k.keycode() == x11(0x42), WAIT);
                // the X server can report B before the session's thread, back from writing it, has counted it
                Map<String, Long> expected = Map.of("key", 5L, "mouse position", 1L, "mouse move", 1L,
                        "mouse button", 4L, "scroll", 4L);
                await("every event counted", () -> expected.equals(session.stats().input().injected()));
                InputStats input = session.stats().input();
                assertEquals(List.of("key 0x42"), input.held());
                String shown = new LumenShell(context).run("session", session.id());
                for (String line : List.of("x11, 15 events injected, 0 not injected", "key 5, mouse move 1, "
                        + "mouse position 1, mouse button 4, scroll 4", "arrival to injected p50 ", "key 0x42")) {
                    assertTrue("lumen:session shows " + line + ":\n" + shown, shown.contains(line));
                }
                System.out.println("input through x11: " + input);
            }
            x.awaitNext(XiEvent.Key.class, k -> !k.pressed() && k.keycode() == x11(0x42), WAIT);
            assertEquals("nothing else arrives", List.of(), x.settle(XiEvent.Key.class, Duration.ofMillis(300)));
            await("the session ended", () -> !session.isActive());
            assertEquals(200, client.cancel().status());
        } finally {
            host.delete();
        }
    }

    @Test
    public void aLiveSwapOfTheInputBackendLosesAndDoublesNothing() throws Exception {
        String display = prepare();
        MoonlightHostFixture host = MoonlightHostFixture.onFreePorts(context, configurationAdmin, Map.of());
        List<String> journal = new ArrayList<>();
        RecordingInput recorder = new RecordingInput("journal", EnumSet.of(InputKind.KEY, InputKind.MOUSE_BUTTON,
                InputKind.GAMEPAD, InputKind.GAMEPAD_ARRIVAL), journal);
        ServiceRegistration<InputBackend> registration = null;
        try (XInputObserver x = XInputObserver.start(display)) {
            MoonlightTestClient client = host.pairedClient("pax-swap");
            try (StreamingTestClient stream = streamDesktop(host, client)) {
                StreamSession session = awaitSession("pax-swap", "x11");
                ControlTestClient control = stream.control();
                control.sendInput(ClientInput.key(0x41, true, 0, false));
                control.sendInput(ClientInput.key(0x41, false, 0, false));
                control.sendInput(ClientInput.key(SHIFT, true, 0, false)); // held across both swaps
                x.awaitAll(XiEvent.Key.class, 3, WAIT);

                Hashtable<String, Object> ranking = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 5));
                registration = context.registerService(InputBackend.class, recorder, ranking);
                assertTrue(pinInput("journal").startsWith("input pinned to journal (persisted); 1 live session(s)"));
                await("the pin moves the session to the journal", () -> "journal".equals(backend(session)));
                control.sendInput(ClientInput.key(0x42, true, 0, false));
                control.sendInput(ClientInput.key(0x42, false, 0, false));
                await("B reaches the journal", () -> RecordingInput.of(journal, "journal").size() >= 4);
                recorder.lastFeedback().send(new PadFeedback.Rumble(0, 0x1234, 0xABCD));
                assertEquals("a rumble the backend sends reaches the client's pad",
                        new PadFeedbackMessage.Rumble(0, 0x1234, 0xABCD), control.awaitPadFeedback(WAIT));

                registration.unregister(); // the journal departs while pinned: the best available (x11) takes over
                registration = null;
                await("back on x11", () -> "x11".equals(backend(session)));
                control.sendInput(ClientInput.key(0x43, true, 0, false));
                control.sendInput(ClientInput.key(0x43, false, 0, false));
                control.sendInput(ClientInput.key(SHIFT, false, 0, false));

                List<XiEvent.Key> keys = new ArrayList<>(List.of(new XiEvent.Key(true, x11(0x41)),
                        new XiEvent.Key(false, x11(0x41)), new XiEvent.Key(true, x11(SHIFT))));
                keys.addAll(x.awaitAll(XiEvent.Key.class, 5, WAIT));
                assertEquals("on X: A, shift held; let go as x11 left; pressed again as it came back; C; shift up",
                        List.of(new XiEvent.Key(true, x11(0x41)), new XiEvent.Key(false, x11(0x41)),
                                new XiEvent.Key(true, x11(SHIFT)), new XiEvent.Key(false, x11(SHIFT)),
                                new XiEvent.Key(true, x11(SHIFT)), new XiEvent.Key(true, x11(0x43)),
                                new XiEvent.Key(false, x11(0x43)), new XiEvent.Key(false, x11(SHIFT))), keys);
                String id = session.id();
                assertEquals("in the journal: shift taken over, B, shift let go as it left",
                        List.of("open " + id, key(id, SHIFT, true), key(id, 0x42, true), key(id, 0x42, false),
                                key(id, SHIFT, false), "close"), RecordingInput.of(journal, "journal"));
                assertEquals("nothing more on X", List.of(), x.settle(XiEvent.Key.class, Duration.ofMillis(300)));
                List<SwapEvent> swaps = session.stats().swaps().stream().filter(s -> s.role() == BackendRole.INPUT)
                        .toList();
                assertEquals("x11 -> journal -> x11: " + swaps, List.of("x11>journal", "journal>x11"),
                        swaps.stream().map(s -> s.from() + ">" + s.to()).toList());
                assertTrue("each swap's time is measured: " + swaps, swaps.stream().allMatch(s -> s.stall().isPresent()));
                assertEquals(Map.of("key", 8L), session.stats().input().injected());
                assertEquals(List.of(), session.stats().input().held());
                System.out.println("input swaps: " + swaps.stream().map(s -> s.from() + " -> " + s.to() + " in "
                        + s.stall().map(d -> d.toNanos() / 1000 + " us").orElse("?")).toList());
            }
            assertEquals(200, client.cancel().status());
        } finally {
            if (registration != null) {
                registration.unregister();
            }
            pinInput("");
            host.delete();
        }
    }

    /** Skips where no X server can run here; else the display of the container's. */
    private String prepare() {
        Assume.assumeTrue(System.getProperty(SKIPPED), System.getProperty(SKIPPED) == null);
        return context.getProperty("lumen.x11.display");
    }

    private StreamSession awaitSession(String client, String backend) throws InterruptedException {
        await("a session for " + client, () -> MoonlightHostFixture.session(sessions, client) != null);
        StreamSession session = MoonlightHostFixture.session(sessions, client);
        await("the session injects through " + backend, () -> backend.equals(backend(session)));
        return session;
    }

    private static String backend(StreamSession session) {
        InputStats input = session.stats().input();
        return input == null ? "" : input.backend();
    }

    /** Launches "Desktop" at 320x240 and connects its streams. */
    private static StreamingTestClient streamDesktop(MoonlightHostFixture host, MoonlightTestClient client)
            throws Exception {
        LaunchKeys keys = LaunchKeys.random();
        Reply launch = client.launch(MoonlightHostFixture.appId(client, "Desktop"), "320x240x30", keys);
        assertEquals(launch.toString(), 200, launch.status());
        return StreamingTestClient.connect("127.0.0.1", launch.field("sessionUrl0"), keys,
                StreamOffer.h264(320, 240, 30, 7), host.fec("rs8-moonlight"), host.fec("rs8-moonlight-audio"),
                StreamingTestClient.VideoLossSetting.none());
    }

    /** The X keycode of a client's key: the Linux code plus 8 (the evdev keymap). */
    private static int x11(int virtualKey) {
        return KeyCodes.linux(virtualKey) + 8;
    }

    private static String key(String session, int virtualKey, boolean pressed) {
        return new KeyChange(session, virtualKey, pressed, 0, false).toString();
    }

    private static boolean near(XiEvent.Motion motion, double x, double y) {
        return Math.abs(motion.rootX() - Math.round(x)) <= 1 && Math.abs(motion.rootY() - Math.round(y)) <= 1;
    }

    private static boolean near(XiEvent.Button button, XiEvent.Motion at) {
        return Math.abs(button.rootX() - at.rootX()) <= 1 && Math.abs(button.rootY() - at.rootY()) <= 1;
    }

    /** Pins the input backend as an operator does, with lumen:use input; an empty id unpins. */
    private String pinInput(String id) throws Exception {
        return new LumenShell(context).run("use", "input", id.isEmpty() ? "auto" : id);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.every(Duration.ofMillis(10)).awaits(what, WAIT, condition);
    }
}
