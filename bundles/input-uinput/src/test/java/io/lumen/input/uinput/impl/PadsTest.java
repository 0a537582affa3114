package io.lumen.input.uinput.impl;

import io.lumen.api.backend.BackendException;
import io.lumen.api.input.BatteryState;
import io.lumen.api.input.GamepadArrival;
import io.lumen.api.input.GamepadBattery;
import io.lumen.api.input.GamepadCapability;
import io.lumen.api.input.GamepadMotion;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadTouchpad;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.InputRequest;
import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.PadFeedback;
import io.lumen.api.input.TouchAction;
import io.lumen.input.uinput.impl.kernel.RecordingPort;
import io.lumen.input.uinput.impl.kernel.RecordingUhidPort;
import io.lumen.log.WarnOnce;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which pad each arrival becomes, and what a DualSense pad writes and tells the client over its life. */
class PadsTest {

    private static final InputRequest REQUEST = new InputRequest("s1", "Deck", 1280, 720, Map.of());
    private static final int MOTION = GamepadCapability.ACCELEROMETER.flag() | GamepadCapability.GYROSCOPE.flag();

    private final List<RecordingPort> uinputPorts = new ArrayList<>();
    private final List<RecordingUhidPort> uhidPorts = new ArrayList<>();
    private final List<PadFeedback> feedback = new CopyOnWriteArrayList<>();
    private final WarnOnce warnings = new WarnOnce(System.getLogger("test"));
    private boolean uhidAvailable = true;
    private int uhidFailing = -1;

    private UinputSession session() throws BackendException {
        UhidOpener uhid = () -> {
            if (!uhidAvailable) {
                throw new IOException("opening /dev/uhid failed: No such file or directory (errno 2)");
            }
            RecordingUhidPort port = new RecordingUhidPort();
            port.failing = uhidFailing;
            uhidPorts.add(port);
            return port;
        };
        return UinputSession.open(REQUEST, feedback::add, () -> {
            RecordingPort port = new RecordingPort();
            uinputPorts.add(port);
            return port;
        }, new PadPorts(uhid, () -> 1000, () -> new byte[] {2, 0, 0, 0, 0, 1}, warnings), vk -> 0, () -> 0);
    }

    private static GamepadArrival arrival(int number, GamepadType type, int capabilities) {
        return new GamepadArrival("s1", number, type, capabilities, 0);
    }

    @Test
    void playstationTouchpadAndMotionPadsWantADualSenseOthersAnXboxPad() {
        assertTrue(Pads.wantsDualSense(arrival(0, GamepadType.PLAYSTATION, 0)));
        assertTrue(Pads.wantsDualSense(arrival(0, GamepadType.UNKNOWN, GamepadCapability.TOUCHPAD.flag())));
        assertTrue(Pads.wantsDualSense(arrival(0, GamepadType.NINTENDO, GamepadCapability.GYROSCOPE.flag())));
        assertTrue(Pads.wantsDualSense(arrival(0, GamepadType.XBOX, GamepadCapability.ACCELEROMETER.flag())));
        assertEquals(false, Pads.wantsDualSense(arrival(0, GamepadType.XBOX, GamepadCapability.RUMBLE.flag()
                | GamepadCapability.RGB_LED.flag())));
        assertEquals(false, Pads.wantsDualSense(arrival(0, GamepadType.NINTENDO, 0)));
    }

    @Test
    void aPlaystationPadBecomesADualSenseThatAsksForMotionAndStopsItWhenItGoes() throws Exception {
        try (UinputSession session = session()) {
            session.accept(arrival(1, GamepadType.PLAYSTATION, MOTION));
            assertEquals("DualSense", session.padKind(1));
            assertEquals(1, uhidPorts.size());
            assertEquals(2, uinputPorts.size(), "only the keyboard and mouse on uinput");
            RecordingUhidPort port = uhidPorts.getFirst();
            assertEquals(11, RecordingUhidPort.type(port.written.get(0)), "UHID_CREATE2 first");
            assertEquals(12, RecordingUhidPort.type(port.written.get(1)), "then a first input report");
            assertEquals(List.of(new PadFeedback.MotionReports(1, MotionSensor.ACCELEROMETER, 100),
                    new PadFeedback.MotionReports(1, MotionSensor.GYROSCOPE, 100)), feedback);

            session.accept(new GamepadState("s1", 1, 0b10, 0x1000, 0, 0, 0, 0, 0, 0));
            session.accept(new GamepadTouchpad("s1", 1, 0, TouchAction.DOWN, 3, 0, 0, 1));
            session.accept(new GamepadMotion("s1", 1, MotionSensor.GYROSCOPE, 1, 0, 0));
            session.accept(new GamepadBattery("s1", 1, BatteryState.CHARGING, 40));
            List<byte[]> reports = port.inputReports();
            assertEquals(5, reports.size());
            assertEquals(0x28, reports.get(1)[8], "cross");
            assertEquals(0x00, reports.get(2)[33], "a finger down");
            assertEquals(16, reports.get(3)[16], "1 deg/s");
            assertEquals(0x14, reports.get(4)[53], "charging, 4 tenths");

            feedback.clear();
            session.accept(new GamepadState("s1", 1, 0, 0, 0, 0, 0, 0, 0, 0));
            assertEquals(null, session.padKind(1));
            assertEquals(List.of(new PadFeedback.MotionReports(1, MotionSensor.ACCELEROMETER, 0),
                    new PadFeedback.MotionReports(1, MotionSensor.GYROSCOPE, 0)), feedback);
            byte[] last = port.inputReports().getLast();
            assertEquals(8, last[8], "a last report with nothing pressed");
            assertEquals((byte) 0x80, last[33], "and the finger lifted");
            assertEquals(1, RecordingUhidPort.type(port.written.getLast()), "then UHID_DESTROY");
            assertTrue(port.closed);
        }
    }

    @Test
    void anXboxPadStaysOnUinputAndIgnoresTouchpadMotionAndBattery() throws Exception {
        try (UinputSession session = session()) {
            session.accept(arrival(0, GamepadType.XBOX, GamepadCapability.RUMBLE.flag()));
            assertEquals("X-Box 360", session.padKind(0));
            session.accept(new GamepadTouchpad("s1", 0, 0, TouchAction.DOWN, 3, 0, 0, 1));
            session.accept(new GamepadMotion("s1", 0, MotionSensor.GYROSCOPE, 1, 0, 0));
            session.accept(new GamepadBattery("s1", 0, BatteryState.CHARGING, 40));
            session.accept(new GamepadMotion("s1", 5, MotionSensor.GYROSCOPE, 1, 0, 0)); // no pad 5 at all
            assertEquals(List.of(), uhidPorts);
            assertEquals(3, uinputPorts.size());
            assertEquals(List.of(), feedback, "no motion asked of an Xbox pad");
        }
    }

    @Test
    void withoutUhidAPlaystationPadBecomesAnXboxPadAndThatIsToldOnce() throws Exception {
        uhidAvailable = false;
        try (UinputSession session = session()) {
            session.accept(arrival(0, GamepadType.PLAYSTATION, MOTION));
            session.accept(arrival(1, GamepadType.PLAYSTATION, 0));
            assertEquals("X-Box 360", session.padKind(0));
            assertEquals("X-Box 360", session.padKind(1));
            assertEquals(2, warnings.count("no uhid"));
            assertEquals(List.of(), feedback, "an Xbox pad has no motion to ask for");
        }
    }

    @Test
    void aRefusedCreateFallsBackToAnXboxPadAndClosesThePort() throws Exception {
        try (UinputSession session = session()) {
            uhidFailing = 11;
            session.accept(arrival(2, GamepadType.PLAYSTATION, MOTION));
            assertEquals("X-Box 360", session.padKind(2));
            assertTrue(uhidPorts.getFirst().closed);
            assertEquals(1, warnings.count("uhid refused"));
            assertEquals(List.of(), feedback);
        }
    }

    @Test
    void anArrivalDoesNotReplaceAPadSeenFirstByItsState() throws Exception {
        try (UinputSession session = session()) {
            session.accept(new GamepadState("s1", 3, 0b1000, 0, 0, 0, 0, 0, 0, 0));
            assertEquals("X-Box 360", session.padKind(3), "a pad seen first by its state is an Xbox pad");
            session.accept(arrival(3, GamepadType.PLAYSTATION, 0));
            assertEquals("X-Box 360", session.padKind(3), "an arrival does not replace a pad in use");
        }
    }
}
