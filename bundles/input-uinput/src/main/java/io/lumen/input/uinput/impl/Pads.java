package io.lumen.input.uinput.impl;

import io.lumen.api.input.GamepadArrival;
import io.lumen.api.input.GamepadBattery;
import io.lumen.api.input.GamepadCapability;
import io.lumen.api.input.GamepadMotion;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadTouchpad;
import io.lumen.api.input.GamepadType;
import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.PadFeedback;
import io.lumen.input.uinput.impl.device.DeviceSpec;
import io.lumen.input.uinput.impl.device.Gamepad;
import io.lumen.input.uinput.impl.device.VirtualDevice;
import io.lumen.input.uinput.impl.dualsense.DualSense;
import io.lumen.input.uinput.impl.ff.FeedbackLoop;
import io.lumen.input.uinput.impl.ff.FeedbackSource;
import io.lumen.input.uinput.impl.ff.FfRequests;
import io.lumen.input.uinput.impl.ff.ForceFeedback;
import io.lumen.input.uinput.impl.kernel.UhidPort;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A session's virtual pads, one per controller number the client uses: plugged in at the pad's arrival (or its
 * first state), unplugged when a state says so or the session closes. A PlayStation pad, or any pad with a
 * touchpad or motion sensors, becomes a DualSense through uhid (where /dev/uhid opens), every other pad an Xbox 360
 * pad through uinput. The feedback loop that answers both starts with the first pad.
 */
final class Pads implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");

    /** One plugged-in pad; the Xbox pad has no touchpad, motion or battery, and ignores them. */
    private sealed interface Pad permits XboxPad, DualSensePad {
        void apply(GamepadState state) throws IOException;

        FeedbackSource feedback();

        void close();
    }

    private record XboxPad(Gamepad gamepad, FfRequests requests) implements Pad {
        @Override
        public void apply(GamepadState state) throws IOException {
            gamepad.apply(state);
        }

        @Override
        public FeedbackSource feedback() {
            return requests;
        }

        @Override
        public void close() {
            gamepad.device().close();
            requests.close();
        }
    }

    /** @param sensors the motion sensors the client was asked to report for it */
    private record DualSensePad(DualSense dualSense, List<MotionSensor> sensors) implements Pad {
        @Override
        public void apply(GamepadState state) throws IOException {
            dualSense.apply(state);
        }

        @Override
        public FeedbackSource feedback() {
            return dualSense.requests();
        }

        @Override
        public void close() {
            dualSense.close();
        }
    }

    private final String sessionId;
    private final String clientName;
    private final PortOpener opener;
    private final PadPorts ports;
    private final InputFeedback feedback;
    private final LongSupplier clockMillis;
    private final Map<Integer, Pad> pads = new TreeMap<>();
    private FeedbackLoop loop;

    Pads(String sessionId, String clientName, PortOpener opener, PadPorts ports, InputFeedback feedback,
         LongSupplier clockMillis) {
        this.sessionId = sessionId;
        this.clientName = clientName;
        this.opener = opener;
        this.ports = ports;
        this.feedback = feedback;
        this.clockMillis = clockMillis;
    }

    /** Whether the client's pad is better served by a DualSense than by an Xbox 360 pad. */
    static boolean wantsDualSense(GamepadArrival arrival) {
        return arrival.type() == GamepadType.PLAYSTATION || arrival.has(GamepadCapability.TOUCHPAD)
                || arrival.has(GamepadCapability.ACCELEROMETER) || arrival.has(GamepadCapability.GYROSCOPE);
    }

    void arrive(GamepadArrival arrival) throws IOException {
        if (pads.containsKey(arrival.controllerNumber())) {
            return;
        }
        if (wantsDualSense(arrival) && dualSense(arrival) != null) {
            return;
        }
        plugIn(arrival.controllerNumber());
    }

    void state(GamepadState state) throws IOException {
        if (!state.connected()) {
            unplug(state.controllerNumber());
            return;
        }
        plugIn(state.controllerNumber()).apply(state);
    }

    void touchpad(GamepadTouchpad touch) throws IOException {
        if (pads.get(touch.controllerNumber()) instanceof DualSensePad pad) {
            pad.dualSense().touch(touch);
        }
    }

    void motion(GamepadMotion motion) throws IOException {
        if (pads.get(motion.controllerNumber()) instanceof DualSensePad pad) {
            pad.dualSense().motion(motion);
        }
    }

    void battery(GamepadBattery battery) throws IOException {
        if (pads.get(battery.controllerNumber()) instanceof DualSensePad pad) {
            pad.dualSense().battery(battery);
        }
    }

    boolean has(int controllerNumber) {
        return pads.containsKey(controllerNumber);
    }

    /** "DualSense" or "X-Box 360", for diagnostics and tests; null when no pad has that number. */
    String kind(int controllerNumber) {
        return switch (pads.get(controllerNumber)) {
            case null -> null;
            case XboxPad ignored -> "X-Box 360";
            case DualSensePad ignored -> "DualSense";
        };
    }

    /** The kernel's name for an Xbox pad's input device ("input23"), for tests that open its event node. */
    String xboxSysname(int controllerNumber) {
        return pads.get(controllerNumber) instanceof XboxPad pad ? pad.gamepad().device().sysname() : null;
    }

    /**
     * A DualSense for the arrival, or null when uhid cannot make one (the pad then becomes an Xbox pad; the
     * reason is told once per backend).
     */
    private Pad dualSense(GamepadArrival arrival) throws IOException {
        int number = arrival.controllerNumber();
        UhidPort port;
        try {
            port = ports.uhid().open();
        } catch (IOException e) {
            ports.warnings().warn("no uhid", "PlayStation pads become Xbox 360 pads: " + e.getMessage()
                    + " (load the uhid module and give the user rw on /dev/uhid; see the input-uinput README)");
            return null;
        }
        String name = DeviceSpec.name("DualSense " + (number + 1), clientName);
        DualSense dualSense;
        try {
            dualSense = DualSense.create(port, name, "lumen/" + sessionId + "/pad" + number, ports.macs().get(),
                    number, feedback, ports.clockMicros());
        } catch (IOException e) {
            ports.warnings().warn("uhid refused", "PlayStation pads become Xbox 360 pads: creating a DualSense"
                    + " through uhid failed: " + e.getMessage());
            return null;
        }
        List<MotionSensor> sensors = new ArrayList<>();
        if (arrival.has(GamepadCapability.ACCELEROMETER)) {
            sensors.add(MotionSensor.ACCELEROMETER);
        }
        if (arrival.has(GamepadCapability.GYROSCOPE)) {
            sensors.add(MotionSensor.GYROSCOPE);
        }
        Pad pad = new DualSensePad(dualSense, List.copyOf(sensors));
        join(number, pad);
        for (MotionSensor sensor : sensors) {
            feedback.send(new PadFeedback.MotionReports(number, sensor, DualSense.MOTION_RATE_HZ));
        }
        return pad;
    }

    private Pad plugIn(int controllerNumber) throws IOException {
        Pad pad = pads.get(controllerNumber);
        if (pad != null) {
            return pad;
        }
        VirtualDevice device = VirtualDevice.create(opener.open(), Gamepad.spec(clientName, controllerNumber));
        ForceFeedback rumble = new ForceFeedback(controllerNumber, Gamepad.FF_EFFECTS_MAX, feedback);
        pad = new XboxPad(new Gamepad(device, controllerNumber), new FfRequests(device.port(), rumble));
        join(controllerNumber, pad);
        return pad;
    }

    /** Starts the loop with the first pad and adds the pad's feedback to it; a pad that cannot join is closed. */
    private void join(int controllerNumber, Pad pad) throws IOException {
        try {
            if (loop == null) {
                loop = FeedbackLoop.start("lumen uinput feedback " + sessionId, clockMillis);
            }
        } catch (IOException e) {
            pad.close();
            throw e;
        }
        loop.add(pad.feedback());
        pads.put(controllerNumber, pad);
        LOG.log(System.Logger.Level.INFO, "session " + sessionId + ": pad " + controllerNumber + " plugged in as "
                + kind(controllerNumber));
    }

    private void unplug(int controllerNumber) {
        Pad pad = pads.remove(controllerNumber);
        if (pad != null) {
            loop.remove(pad.feedback());
            if (pad instanceof DualSensePad dualSense) {
                for (MotionSensor sensor : dualSense.sensors()) {
                    feedback.send(new PadFeedback.MotionReports(controllerNumber, sensor, 0));
                }
            }
            pad.close();
            LOG.log(System.Logger.Level.INFO, "session " + sessionId + ": pad " + controllerNumber + " unplugged");
        }
    }

    @Override
    public void close() {
        for (Integer controllerNumber : pads.keySet().toArray(Integer[]::new)) {
            unplug(controllerNumber);
        }
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }
}
