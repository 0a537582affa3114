package io.lumen.input.uinput.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.backend.Probe;
import io.lumen.api.input.GamepadArrival;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MouseButtonChange;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.PadFeedback;
import io.lumen.api.input.TextInput;
import io.lumen.api.input.Touch;
import io.lumen.api.input.TouchAction;
import io.lumen.input.uinput.impl.device.Keyboard;
import io.lumen.input.uinput.impl.device.VirtualDevice;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.DevUinputPort;
import io.lumen.input.uinput.impl.kernel.Ioctl;
import io.lumen.input.uinput.impl.kernel.Libc;
import io.lumen.input.uinput.impl.kernel.RecordingPort;
import io.lumen.input.uinput.impl.kernel.RecordingPort.Event;
import io.lumen.input.uinput.impl.kernel.RecordingPort.IntIoctl;
import io.lumen.log.WarnOnce;
import io.lumen.testkit.Poll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UinputBackendTest {

    private static final String REASON =
            "/dev/uinput not writable (add the user to the input group or load the uinput module)";
    private static final InputRequest REQUEST = new InputRequest("s1", "Deck", 1280, 720, Map.of());

    private final List<RecordingPort> ports = new ArrayList<>();
    private final List<PadFeedback> feedback = new CopyOnWriteArrayList<>();

    private UinputSession session() throws BackendException {
        return UinputSession.open(REQUEST, feedback::add, () -> {
            RecordingPort port = new RecordingPort();
            ports.add(port);
            return port;
        }, new PadPorts(UhidOpener.unavailable("no uhid in this test"), () -> 0, PadPorts::randomMac,
                new WarnOnce(System.getLogger("test"))), vk -> vk == 0x41 ? 30 : 0,
                () -> System.nanoTime() / 1_000_000);
    }

    @Test
    void withoutDevUinputTheProbeSaysWhatToDo() {
        Assumptions.assumeFalse(Files.isWritable(Path.of("/dev/uinput")), "this machine has a writable /dev/uinput");
        UinputBackend backend = new UinputBackend();
        assertEquals("uinput", backend.id());
        assertEquals(Probe.unavailable(REASON), backend.probe());
        BackendException refused = assertThrows(BackendException.class, () -> backend.open(REQUEST, f -> { }));
        assertEquals(REASON, refused.getMessage());
    }

    @Test
    void theProbeIsKeptAFewSeconds(@TempDir Path dir) throws IOException {
        Path node = Files.createFile(dir.resolve("uinput"));
        AtomicLong clock = new AtomicLong(10_000);
        UinputBackend backend = new UinputBackend(node, dir.resolve("uhid"), vk -> 0, clock::get);
        assertTrue(backend.probe().available(), "a file that opens read-write passes");
        Files.delete(node);
        clock.addAndGet(DeviceProbe.CACHE_MILLIS - 1);
        assertTrue(backend.probe().available(), "still the cached answer");
        clock.addAndGet(1);
        assertEquals(Probe.unavailable(node + DeviceProbe.UNAVAILABLE), backend.probe());
    }

    @Test
    void openMakesTheKeyboardAndMouseAndTheRestOnFirstUse() throws Exception {
        try (UinputSession session = session()) {
            assertEquals(2, ports.size(), "keyboard and mouse at open");
            session.accept(new KeyChange("s1", 0x41, true, 0, false));
            assertEquals(List.of(new Event(Codes.EV_KEY, 30, 1), new Event(Codes.EV_SYN, 0, 0)),
                    ports.get(0).events().subList(0, 2));
            session.accept(new MousePosition("s1", 10, 10, 100, 100));
            session.accept(new MousePosition("s1", 20, 10, 100, 100));
            assertEquals(3, ports.size(), "one pointer, made once");
            session.accept(new Touch("s1", TouchAction.DOWN, 1, 0.5f, 0.5f, 1, 0, 0, -1));
            assertEquals(4, ports.size());
            session.accept(new TextInput("s1", "é"));
            assertEquals(4, ports.size(), "text is not for uinput and makes no device");
        }
    }

    @Test
    void padsArePluggedInAndUnpluggedPerControllerNumber() throws Exception {
        try (UinputSession session = session()) {
            session.accept(new GamepadArrival("s1", 0, GamepadType.XBOX, 0, 0));
            assertTrue(session.hasPad(0));
            session.accept(new GamepadState("s1", 2, 0b101, 0x1000, 0, 0, 0, 0, 0, 0));
            assertTrue(session.hasPad(2));
            assertEquals(4, ports.size());
            RecordingPort pad2 = ports.get(3);
            session.accept(new GamepadState("s1", 2, 0b001, 0, 0, 0, 0, 0, 0, 0));
            assertFalse(session.hasPad(2));
            assertTrue(pad2.closed);
            assertEquals(new IntIoctl(Ioctl.UI_DEV_DESTROY, 0), pad2.calls.getLast());
            assertTrue(pad2.events().contains(new Event(Codes.EV_KEY, Codes.BTN_SOUTH, 0)), "A let go before");
        }
    }

    @Test
    void closeLetsGoOfEverythingAndDestroysEveryDevice() throws Exception {
        UinputSession session = session();
        session.accept(new KeyChange("s1", 0x41, true, 0, false));
        session.accept(new MouseButtonChange("s1", MouseButton.RIGHT, true));
        session.accept(new Touch("s1", TouchAction.DOWN, 1, 0.5f, 0.5f, 1, 0, 0, -1));
        session.accept(new GamepadState("s1", 0, 1, 0x2000, 0, 0, 0, 0, 0, 0));
        session.close();
        assertEquals(4, ports.size());
        for (RecordingPort port : ports) {
            assertTrue(port.closed);
            assertEquals(new IntIoctl(Ioctl.UI_DEV_DESTROY, 0), port.calls.getLast());
        }
        assertEquals(List.of(new Event(Codes.EV_KEY, 30, 0), new Event(Codes.EV_SYN, 0, 0)),
                ports.get(0).events().subList(2, 4));
        assertTrue(ports.get(1).events().contains(new Event(Codes.EV_KEY, Codes.BTN_RIGHT, 0)));
        List<Event> touch = ports.get(2).events();
        assertTrue(touch.contains(new Event(Codes.EV_ABS, Codes.ABS_MT_TRACKING_ID, -1)));
        assertTrue(touch.contains(new Event(Codes.EV_KEY, Codes.BTN_TOUCH, 0)));
        assertTrue(ports.get(3).events().contains(new Event(Codes.EV_KEY, Codes.BTN_EAST, 0)));
        session.close();
        assertThrows(BackendException.class, () -> session.accept(new KeyChange("s1", 0x41, true, 0, false)));
    }

    @Test
    void aKeyboardWritesEventsTheKernelDelivers() throws Exception {
        Path uinput = Path.of("/dev/uinput");
        Assumptions.assumeTrue(Files.exists(uinput), "no /dev/uinput on this machine");
        Assumptions.assumeTrue(new UinputBackend().probe().available(), "/dev/uinput is not writable here");
        try (VirtualDevice device = VirtualDevice.create(DevUinputPort.open(uinput), Keyboard.spec("test"))) {
            Path sys = Path.of("/sys/devices/virtual/input", device.sysname());
            Path node = Poll.every(Duration.ofMillis(10)).retries("a /dev/input/event node for " + sys,
                    Duration.ofSeconds(5), () -> {
                        try (Stream<Path> children = Files.list(sys)) {
                            return children.map(p -> Path.of("/dev/input", p.getFileName().toString()))
                                    .filter(p -> p.getFileName().toString().startsWith("event") && Files.exists(p))
                                    .findFirst().orElseThrow();
                        }
                    });
            Libc.Result fd = Libc.open(node.toString(), Libc.O_NONBLOCK | Libc.O_CLOEXEC);
            assertFalse(fd.failed(), "opening " + node + ": " + fd.error());
            try (Arena arena = Arena.ofConfined()) {
                new Keyboard(device, vk -> 30).accept(new KeyChange("s1", 0x41, true, 0, false));
                MemorySegment buffer = arena.allocate(24 * 8);
                List<Event> read = new ArrayList<>();
                Poll.every(Duration.ofMillis(5)).holdsWithin(Duration.ofSeconds(5), () -> {
                    while (read.size() < 2) {
                        Libc.Result got = Libc.read(fd.asInt(), buffer, buffer.byteSize());
                        if (got.value() <= 0) {
                            return false; // nothing more to read yet
                        }
                        read.addAll(RecordingPort.decodeTimed(buffer.asSlice(0, got.value())));
                    }
                    return true;
                });
                assertTrue(read.contains(new Event(Codes.EV_KEY, 30, 1)), "read back: " + read);
            } finally {
                Libc.close(fd.asInt());
            }
        }
    }
}
