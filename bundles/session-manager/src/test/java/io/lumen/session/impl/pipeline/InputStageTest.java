package io.lumen.session.impl.pipeline;

import io.lumen.api.backend.BackendRole;
import io.lumen.api.input.GamepadArrival;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.InputKind;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MouseMove;
import io.lumen.api.input.PadFeedback;
import io.lumen.api.media.VideoMode;
import io.lumen.api.session.InputStats;
import io.lumen.api.session.StreamRequest;
import io.lumen.session.impl.backend.Backends;
import io.lumen.session.impl.backend.Registration;
import io.lumen.testkit.input.RecordingInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session's input: one backend injects, swaps lose and double nothing, nothing stays held. */
class InputStageTest {

    private static final String SESSION = "i1";
    private static final EnumSet<InputKind> ALL = EnumSet.allOf(InputKind.class);
    private static final EnumSet<InputKind> DESKTOP = EnumSet.of(InputKind.KEY, InputKind.MOUSE_MOVE,
            InputKind.MOUSE_POSITION, InputKind.MOUSE_BUTTON, InputKind.SCROLL);

    private final Backends backends = new Backends();
    private final List<String> journal = new ArrayList<>();
    private final List<PadFeedback> toClient = new CopyOnWriteArrayList<>();
    private long nextServiceId = 1;
    private SessionPipeline pipeline;

    private Registration<io.lumen.api.input.InputBackend> register(RecordingInput backend, int ranking) {
        Registration<io.lumen.api.input.InputBackend> r = new Registration<>(backend, backend.id(), ranking,
                nextServiceId++, "test", io.lumen.api.backend.Probe::ok, List::of);
        backends.inputs().put(r);
        return r;
    }

    private void start() {
        pipeline = new SessionPipeline(SESSION, StreamRequest.of("test client", new VideoMode(1280, 720, 60), 5000),
                unit -> { }, null, toClient::add, backends, PipelineSettings.DEFAULTS, System.getLogger("test"),
                p -> { });
        pipeline.start();
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.stop();
        }
    }

    private void inject(io.lumen.api.input.InputEvent event) {
        pipeline.inject(event, System.nanoTime());
    }

    private static KeyChange key(int vk, boolean down) {
        return new KeyChange(SESSION, vk, down, 0, false);
    }

    @Test
    void exactlyTheBestRankedBackendInjects() {
        RecordingInput low = new RecordingInput("low", ALL, journal);
        RecordingInput high = new RecordingInput("high", ALL, journal);
        register(low, 10);
        register(high, 50);
        start();
        inject(key(0x41, true));
        inject(key(0x41, false));
        assertEquals(List.of("open " + SESSION, key(0x41, true).toString(), key(0x41, false).toString()),
                RecordingInput.of(journal, "high"));
        assertEquals(List.of(), RecordingInput.of(journal, "low"), "the other backend injects nothing");
        assertEquals("test client", high.lastRequest().clientName());
        assertEquals(1280, high.lastRequest().streamWidth());
        InputStats stats = pipeline.stats().input();
        assertEquals("high", stats.backend());
        assertEquals(Map.of("key", 2L), stats.injected());
        assertTrue(stats.latencyP50Nanos() >= 0 && stats.latencyP99Nanos() >= stats.latencyP50Nanos());
    }

    @Test
    void aSwapLosesAndDoublesNothingAndCarriesWhatIsHeld() {
        RecordingInput first = new RecordingInput("first", ALL, journal);
        register(first, 10);
        start();
        inject(new GamepadArrival(SESSION, 0, GamepadType.XBOX, 0x3, 0xFFFF));
        GamepadState pad = new GamepadState(SESSION, 0, 1, 0x1000, 0, 0, 0, 0, 0, 0);
        inject(pad);
        inject(key(0xA0, true)); // shift held across the swap
        inject(new MouseButtonChange(SESSION, MouseButton.LEFT, true));
        inject(new MouseMove(SESSION, 1, 1));

        RecordingInput second = new RecordingInput("second", ALL, journal);
        register(second, 20);
        pipeline.reselect(BackendRole.INPUT, "second arrived", -1);
        inject(new MouseMove(SESSION, 2, 2));
        inject(key(0xA0, false));

        List<String> firstSaw = RecordingInput.of(journal, "first");
        assertEquals(List.of(key(0xA0, false).toString(), new MouseButtonChange(SESSION, MouseButton.LEFT, false)
                        .toString(), new GamepadState(SESSION, 0, 0, 0, 0, 0, 0, 0, 0, 0).toString(), "close"),
                firstSaw.subList(firstSaw.size() - 4, firstSaw.size()), "the departing backend lets go of everything");
        assertEquals(1, firstSaw.stream().filter(e -> e.equals(new MouseMove(SESSION, 1, 1).toString())).count());
        assertTrue(firstSaw.stream().noneMatch(e -> e.equals(new MouseMove(SESSION, 2, 2).toString())));
        List<String> secondSaw = RecordingInput.of(journal, "second");
        assertEquals(List.of("open " + SESSION,
                new GamepadArrival(SESSION, 0, GamepadType.XBOX, 0x3, 0xFFFF).toString(), pad.toString(),
                key(0xA0, true).toString(), new MouseButtonChange(SESSION, MouseButton.LEFT, true).toString(),
                new MouseMove(SESSION, 2, 2).toString(), key(0xA0, false).toString()), secondSaw,
                "the new backend gets the pad and what is held, then the events after the swap, once each");
        InputStats stats = pipeline.stats().input();
        assertEquals(Map.of("gamepad arrival", 1L, "gamepad", 1L, "key", 2L, "mouse button", 1L, "mouse move", 2L),
                stats.injected(), "replays are not counted as the client's events");
        assertEquals(List.of("button LEFT", "pad 0"), stats.held());
        assertTrue(pipeline.stats().swaps().stream().anyMatch(s -> s.role() == BackendRole.INPUT
                && s.from().equals("first") && s.to().equals("second") && s.stall().isPresent()));
    }

    @Test
    void stoppingReleasesEverythingAndClosesTheBackend() {
        RecordingInput only = new RecordingInput("only", ALL, journal);
        register(only, 10);
        start();
        inject(key(0x10, true));
        inject(key(0x41, true));
        inject(new MouseButtonChange(SESSION, MouseButton.RIGHT, true));
        pipeline.stop();
        List<String> saw = RecordingInput.of(journal, "only");
        assertEquals(List.of(key(0x41, false).toString(), key(0x10, false).toString(),
                        new MouseButtonChange(SESSION, MouseButton.RIGHT, false).toString(), "close"),
                saw.subList(saw.size() - 4, saw.size()), "keys come up last-pressed first, then buttons, then close");
        inject(key(0x42, true));
        assertEquals(saw.size(), RecordingInput.of(journal, "only").size(), "nothing is injected after the stop");
    }

    @Test
    void kindsABackendLacksAreCountedNotInjected() {
        RecordingInput desktop = new RecordingInput("x", DESKTOP, journal);
        register(desktop, 10);
        start();
        inject(new io.lumen.api.input.HapticsRequest(SESSION, true)); // every client's first words: not a drop
        inject(new GamepadState(SESSION, 0, 1, 0, 0, 0, 0, 0, 0, 0));
        inject(key(0x41, true));
        InputStats stats = pipeline.stats().input();
        assertEquals(Map.of("x has no gamepad", 1L), stats.dropped());
        assertEquals(Map.of("key", 1L), stats.injected());
    }

    @Test
    void aBackendThatRefusesTheSessionIsPassedOverForTheNext() {
        RecordingInput compositor = new RecordingInput("compositor", DESKTOP, journal);
        RecordingInput devices = new RecordingInput("devices", ALL, journal);
        register(compositor, 60);
        register(devices, 50);
        compositor.refuseOpen("session i1 streams no cast of this compositor");
        start();
        inject(key(0x41, true));
        assertEquals("devices", pipeline.stats().input().backend());
        assertEquals(List.of("refused " + SESSION), RecordingInput.of(journal, "compositor"));
        assertEquals(List.of("open " + SESSION, key(0x41, true).toString()), RecordingInput.of(journal, "devices"));
        pipeline.reselect(BackendRole.INPUT, "configuration", -1);
        assertEquals(List.of("refused " + SESSION), RecordingInput.of(journal, "compositor"),
                "not asked again for this session");
    }

    @Test
    void whatTheBackendTookButCouldNotInjectIsShownUnderItsName() {
        RecordingInput compositor = new RecordingInput("compositor", DESKTOP, journal);
        register(compositor, 10);
        start();
        compositor.dropNext("no cast for the session");
        inject(key(0x41, true));
        inject(new GamepadState(SESSION, 0, 1, 0, 0, 0, 0, 0, 0, 0));
        assertEquals(Map.of("compositor: no cast for the session", 1L, "compositor has no gamepad", 1L),
                pipeline.stats().input().dropped());
    }

    @Test
    void withoutABackendEventsAreCountedAndTheFirstArrivalTakesOver() {
        start();
        inject(key(0x41, true));
        assertEquals(Map.of("no input backend", 1L), pipeline.stats().input().dropped());
        RecordingInput late = new RecordingInput("late", ALL, journal);
        register(late, 0);
        pipeline.reselect(BackendRole.INPUT, "late arrived", -1);
        assertEquals(List.of("open " + SESSION, key(0x41, true).toString()), RecordingInput.of(journal, "late"),
                "the key the client holds is pressed on the backend that arrives");
    }

    @Test
    void aFailingBackendIsReplacedAndNotChosenAgain() {
        RecordingInput flaky = new RecordingInput("flaky", ALL, journal);
        RecordingInput spare = new RecordingInput("spare", ALL, journal);
        register(flaky, 50);
        register(spare, 10);
        start();
        flaky.failNext();
        inject(key(0x41, true));
        inject(key(0x41, false));
        assertEquals("spare", pipeline.stats().input().backend());
        assertEquals(Map.of("flaky failed", 1L), pipeline.stats().input().dropped());
        assertEquals(List.of("open " + SESSION, key(0x41, true).toString(), key(0x41, false).toString()),
                RecordingInput.of(journal, "spare"), "the held key is pressed on the spare, then released");
        pipeline.reselect(BackendRole.INPUT, "configuration", -1);
        assertEquals("spare", pipeline.stats().input().backend(), "a backend that failed this session stays out");
    }

    @Test
    void padFeedbackReachesTheClientOnlyFromTheBackendInUse() {
        RecordingInput first = new RecordingInput("first", ALL, journal);
        register(first, 10);
        start();
        first.lastFeedback().send(new PadFeedback.Rumble(0, 0x4000, 0x8000));
        first.lastFeedback().send(new PadFeedback.Led(0, 255, 0, 0));
        assertEquals(List.of(new PadFeedback.Rumble(0, 0x4000, 0x8000), new PadFeedback.Led(0, 255, 0, 0)), toClient);
        Map<BackendRole, String> pins = new EnumMap<>(BackendRole.class);
        RecordingInput second = new RecordingInput("second", ALL, journal);
        register(second, 0);
        pins.put(BackendRole.INPUT, "second");
        backends.setPins(pins);
        pipeline.reselect(BackendRole.INPUT, "pinned", -1);
        first.lastFeedback().send(new PadFeedback.Rumble(0, 1, 1));
        assertEquals(2, toClient.size(), "a closed backend's late rumble does not reach the client");
        second.lastFeedback().send(new PadFeedback.Rumble(0, 0, 0));
        assertEquals(Map.of("rumble", 2L, "led", 1L), pipeline.stats().input().feedback());
    }

    @Test
    void anEventOfAnotherSessionIsRefused() {
        start();
        assertThrows(IllegalArgumentException.class, () -> pipeline.inject(new MouseMove("other", 1, 1), 0));
    }
}
