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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
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

    private static final long WAIT_NANOS = 5_000_000_000L;

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
    private static Path awaitEventNode(String name) throws IOException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> devices = Files.list(Path.of("/sys/class/input"))) {
                for (Path device : devices.filter(p -> p.getFileName().toString().startsWith("event")).toList()) {
                    Path nameFile = device.resolve("device/name");
                    if (Files.exists(nameFile) && Files.readString(nameFile).strip().equals(name)) {
                        Path node = Path.of("/dev/input", device.getFileName().toString());
                        if (Files.exists(node)) {
                            return node;
                        }
                    }
                }
            }
            LockSupport.parkNanos(10_000_000);
        }
        return null;
    }

    private static Path eventNodeUnder(Path sys) throws IOException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> children = Files.list(sys)) {
                Path node = children.map(p -> Path.of("/dev/input", p.getFileName().toString()))
                        .filter(p -> p.getFileName().toString().startsWith("event") && Files.exists(p))
                        .findFirst().orElse(null);
                if (node != null) {
                    return node;
                }
            }
            LockSupport.parkNanos(10_000_000);
        }
        throw new AssertionError("no /dev/input/event node appeared for " + sys);
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
            long deadline = System.nanoTime() + WAIT_NANOS;
            while (!done.test(read) && System.nanoTime() < deadline) {
                Libc.Result got = Libc.read(fd.asInt(), buffer, buffer.byteSize());
                if (got.value() > 0) {
                    read.addAll(RecordingPort.decodeTimed(buffer.asSlice(0, got.value())));
                } else {
                    LockSupport.parkNanos(5_000_000);
                }
            }
        } finally {
            Libc.close(fd.asInt());
        }
        return read;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
