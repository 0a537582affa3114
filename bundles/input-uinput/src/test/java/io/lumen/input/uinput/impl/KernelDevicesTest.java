package io.lumen.input.uinput.impl;

import io.lumen.api.input.GamepadArrival;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.PadFeedback;
import io.lumen.input.uinput.impl.dualsense.DualSense;
import io.lumen.input.uinput.impl.ff.FeedbackLoop;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.DevUhidPort;
import io.lumen.input.uinput.impl.kernel.Libc;
import io.lumen.input.uinput.impl.kernel.RecordingPort;
import io.lumen.input.uinput.impl.kernel.RecordingPort.Event;
import io.lumen.input.uinput.impl.kernel.Structs;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pads against the real kernel, where this machine lets the test make devices: a DualSense that
 * hid-playstation binds (its gamepad, touchpad and motion devices appear and its buttons read back), and an Xbox
 * pad whose rumble a game plays through its event node the way games do.
 */
class KernelDevicesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<PadFeedback> feedback = new CopyOnWriteArrayList<>();

    @Test
    void aDualSenseIsBoundByTheKernelAndItsButtonsReadBack() throws Exception {
        Path uhid = UinputBackend.UHID;
        Assumptions.assumeTrue(Files.exists(uhid), "no /dev/uhid on this machine");
        Assumptions.assumeTrue(Files.isWritable(uhid), "/dev/uhid is not writable here");
        String name = "lumen DualSense test " + ProcessHandle.current().pid();
        try (FeedbackLoop loop = FeedbackLoop.start("test feedback", () -> System.nanoTime() / 1_000_000)) {
            DualSense pad = DualSense.create(DevUhidPort.open(uhid), name, "lumen/test", PadPorts.randomMac(), 0,
                    feedback::add, PadPorts::monotonicMicros);
            loop.add(pad.requests());
            try {
                Path gamepad = awaitEventNode(name);
                assertNotNull(awaitEventNode(name + " Touchpad"), "hid-playstation made no touchpad");
                assertNotNull(awaitEventNode(name + " Motion Sensors"), "hid-playstation made no motion sensors");
                await(() -> feedback.contains(new PadFeedback.Led(0, 0, 0, 128)),
                        "the driver's default light bar reaches the client: " + feedback);
                List<Event> read = readWhile(gamepad, () -> pad.apply(
                        new GamepadState("s1", 0, 1, 0x1000, 0, 0, 0, 0, 0, 0)),
                        events -> events.contains(new Event(Codes.EV_KEY, Codes.BTN_SOUTH, 1)));
                assertTrue(read.contains(new Event(Codes.EV_KEY, Codes.BTN_SOUTH, 1)), "read back: " + read);
            } finally {
                loop.remove(pad.requests());
                pad.close();
            }
        }
    }

    @Test
    void aGamesRumbleOnAnXboxPadReachesTheClient() throws Exception {
        Assumptions.assumeTrue(Files.exists(UinputBackend.DEVICE), "no /dev/uinput on this machine");
        UinputBackend backend = new UinputBackend();
        Assumptions.assumeTrue(backend.probe().available(), "/dev/uinput is not writable here");
        InputRequest request = new InputRequest("s1", "test", 1280, 720, Map.of());
        try (UinputSession session = (UinputSession) backend.open(request, feedback::add)) {
            session.accept(new GamepadArrival("s1", 0, GamepadType.XBOX, 0, 0));
            Path node = eventNodeUnder(Path.of("/sys/devices/virtual/input", session.xboxPadSysname(0)));
            Libc.Result fd = Libc.open(node.toString(), Libc.O_RDWR | Libc.O_CLOEXEC);
            assertFalse(fd.failed(), "opening " + node + ": " + fd.error());
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment effect = arena.allocate(Structs.FF_EFFECT);
                effect.set(ValueLayout.JAVA_SHORT, Structs.offset(Structs.FF_EFFECT, "type"), (short) Codes.FF_RUMBLE);
                effect.set(ValueLayout.JAVA_SHORT, Structs.offset(Structs.FF_EFFECT, "id"), (short) -1);
                effect.set(ValueLayout.JAVA_SHORT, Structs.offset(Structs.FF_EFFECT, "u", "strong_magnitude"),
                        (short) 0xC000);
                effect.set(ValueLayout.JAVA_SHORT, Structs.offset(Structs.FF_EFFECT, "u", "weak_magnitude"),
                        (short) 0x4000);
                Libc.Result uploaded = Libc.ioctl(fd.asInt(), RecordingPort.evioCsff(), effect);
                assertFalse(uploaded.failed(), "EVIOCSFF: " + uploaded.error());
                short id = effect.get(ValueLayout.JAVA_SHORT, Structs.offset(Structs.FF_EFFECT, "id"));
                MemorySegment play = arena.allocate(Structs.INPUT_EVENT);
                Structs.putEvent(play, 0, Codes.EV_FF, id, 1);
                assertEquals(play.byteSize(), Libc.write(fd.asInt(), play, play.byteSize()).value());
                await(() -> feedback.contains(new PadFeedback.Rumble(0, 0xC000, 0x4000)),
                        "the client hears the effect's magnitudes: " + feedback);
            } finally {
                Libc.close(fd.asInt());
            }
        }
    }

    /** The /dev/input/eventN of the input device called {@code name}, once it appears. */
    private static Path awaitEventNode(String name) {
        return Poll.every(Duration.ofMillis(10)).retries("an event node for the input device \"" + name + "\"", WAIT,
                () -> {
                    try (Stream<Path> devices = Files.list(Path.of("/sys/class/input"))) {
                        for (Path device : devices.filter(p -> p.getFileName().toString().startsWith("event"))
                                .toList()) {
                            Path nameFile = device.resolve("device/name");
                            Path node = Path.of("/dev/input", device.getFileName().toString());
                            if (Files.exists(nameFile) && Files.readString(nameFile).strip().equals(name)
                                    && Files.exists(node)) {
                                return node;
                            }
                        }
                    }
                    throw new IllegalStateException("not listed yet");
                });
    }

    private static Path eventNodeUnder(Path sys) {
        return Poll.every(Duration.ofMillis(10)).retries("a /dev/input/event node for " + sys, WAIT, () -> {
            try (Stream<Path> children = Files.list(sys)) {
                return children.map(p -> Path.of("/dev/input", p.getFileName().toString()))
                        .filter(p -> p.getFileName().toString().startsWith("event") && Files.exists(p))
                        .findFirst().orElseThrow();
            }
        });
    }

    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }

    /** Opens {@code node}, does {@code action}, and reads events until {@code done} says so or time runs out. */
    private static List<Event> readWhile(Path node, Action action,
                                         java.util.function.Predicate<List<Event>> done) throws IOException {
        assertNotNull(node, "no event node");
        Libc.Result fd = Libc.open(node.toString(), Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        assertFalse(fd.failed(), "opening " + node + ": " + fd.error());
        List<Event> read = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            action.run();
            MemorySegment buffer = arena.allocate(24 * 16);
            // the caller's assertion on what was read shows a shortfall
            Poll.every(Duration.ofMillis(5)).holdsWithin(WAIT, () -> {
                while (!done.test(read)) {
                    Libc.Result got = Libc.read(fd.asInt(), buffer, buffer.byteSize());
                    if (got.value() <= 0) {
                        return false; // nothing more to read yet
                    }
                    read.addAll(RecordingPort.decodeTimed(buffer.asSlice(0, got.value())));
                }
                return true;
            });
        } finally {
            Libc.close(fd.asInt());
        }
        return read;
    }

    private static void await(BooleanSupplier condition, String what) {
        Poll.every(Duration.ofMillis(5)).awaits(what, WAIT, condition);
    }
}
