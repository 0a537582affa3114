package io.lumen.input.uinput.impl.device;

import io.lumen.api.input.Pen;
import io.lumen.api.input.PenButton;
import io.lumen.api.input.PenTool;
import io.lumen.input.uinput.impl.kernel.AbsAxis;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.DeviceId;

import java.io.IOException;
import java.util.List;

/**
 * A screen-mapped pen tablet: the tool (pen or eraser) in proximity while hovering or touching, the tip as
 * BTN_TOUCH with pressure, the distance while hovering, tilt and the barrel buttons.
 */
public final class PenTablet {

    static final DeviceId ID = new DeviceId(Codes.BUS_VIRTUAL, 0, 5, 1);
    public static final int PRESSURE_MAX = 4095;
    public static final int DISTANCE_MAX = 1023;
    /** ABS_TILT_* in degrees: the kernel's resolution for tilt is units per radian. */
    private static final int TILT_UNITS_PER_RADIAN = 57;

    private static final PenButton[] BUTTONS = {PenButton.PRIMARY, PenButton.SECONDARY, PenButton.TERTIARY};
    private static final int[] BUTTON_CODES = {Codes.BTN_STYLUS, Codes.BTN_STYLUS2, Codes.BTN_STYLUS3};

    private final VirtualDevice device;
    private final int maxX;
    private final int maxY;
    /** BTN_TOOL_PEN or BTN_TOOL_RUBBER while in proximity, 0 when out. */
    private int tool;

    public PenTablet(VirtualDevice device) {
        this.device = device;
        this.maxX = device.spec().axis(Codes.ABS_X).maximum();
        this.maxY = device.spec().axis(Codes.ABS_Y).maximum();
    }

    public static DeviceSpec spec(String clientName, int streamWidth, int streamHeight) {
        return new DeviceSpec(DeviceSpec.name("pen", clientName), ID,
                new int[] {Codes.BTN_TOOL_PEN, Codes.BTN_TOOL_RUBBER, Codes.BTN_TOUCH, Codes.BTN_STYLUS,
                        Codes.BTN_STYLUS2, Codes.BTN_STYLUS3},
                new int[0], List.of(
                        AbsAxis.of(Codes.ABS_X, 0, streamWidth - 1),
                        AbsAxis.of(Codes.ABS_Y, 0, streamHeight - 1),
                        AbsAxis.of(Codes.ABS_PRESSURE, 0, PRESSURE_MAX),
                        AbsAxis.of(Codes.ABS_DISTANCE, 0, DISTANCE_MAX),
                        new AbsAxis(Codes.ABS_TILT_X, -90, 90, 0, 0, TILT_UNITS_PER_RADIAN),
                        new AbsAxis(Codes.ABS_TILT_Y, -90, 90, 0, 0, TILT_UNITS_PER_RADIAN)),
                new int[] {Codes.INPUT_PROP_DIRECT}, new int[0], 0);
    }

    public void accept(Pen pen) throws IOException {
        switch (pen.action()) {
            case HOVER -> {
                enter(pen.tool());
                position(pen);
                device.emit(Codes.EV_ABS, Codes.ABS_DISTANCE, DeviceSpec.scale(pen.pressureOrDistance(), DISTANCE_MAX));
                device.emit(Codes.EV_ABS, Codes.ABS_PRESSURE, 0);
                touch(false);
                buttons(pen.buttons());
            }
            case DOWN, MOVE -> {
                enter(pen.tool());
                position(pen);
                device.emit(Codes.EV_ABS, Codes.ABS_DISTANCE, 0);
                device.emit(Codes.EV_ABS, Codes.ABS_PRESSURE, pressure(pen.pressureOrDistance()));
                touch(true);
                buttons(pen.buttons());
            }
            case UP -> {
                position(pen);
                device.emit(Codes.EV_ABS, Codes.ABS_PRESSURE, 0);
                touch(false);
                buttons(pen.buttons());
            }
            case BUTTON_ONLY -> buttons(pen.buttons());
            case HOVER_LEAVE, CANCEL, CANCEL_ALL -> {
                leave();
                return;
            }
        }
        device.sync();
    }

    /**
     * Libinput reads the tip from the pressure when a tablet has it, so a client that cannot measure pressure
     * (it sends 0) still gets a tip that counts as down.
     */
    static int pressure(float pressure) {
        return pressure == 0f ? PRESSURE_MAX / 2 : DeviceSpec.scale(pressure, PRESSURE_MAX);
    }

    /** A tool change is an exit of the old tool, in a frame of its own, before the new one enters. */
    private void enter(PenTool wanted) throws IOException {
        int code = wanted == PenTool.ERASER ? Codes.BTN_TOOL_RUBBER : Codes.BTN_TOOL_PEN;
        if (tool == code) {
            return;
        }
        if (tool != 0) {
            leave();
        }
        tool = code;
        device.key(code, true);
    }

    /** Out of proximity: tip up, buttons released, tool gone. */
    public void leave() throws IOException {
        if (tool == 0) {
            return;
        }
        device.emit(Codes.EV_ABS, Codes.ABS_PRESSURE, 0);
        touch(false);
        buttons(0);
        device.key(tool, false);
        tool = 0;
        device.sync();
    }

    private void touch(boolean down) throws IOException {
        if (device.held(Codes.BTN_TOUCH) != down) {
            device.key(Codes.BTN_TOUCH, down);
        }
    }

    private void buttons(int held) throws IOException {
        for (int i = 0; i < BUTTONS.length; i++) {
            boolean down = (held & BUTTONS[i].flag()) != 0;
            if (device.held(BUTTON_CODES[i]) != down) {
                device.key(BUTTON_CODES[i], down);
            }
        }
    }

    private void position(Pen pen) throws IOException {
        device.emit(Codes.EV_ABS, Codes.ABS_X, DeviceSpec.scale(pen.x(), maxX));
        device.emit(Codes.EV_ABS, Codes.ABS_Y, DeviceSpec.scale(pen.y(), maxY));
        int[] tilt = tilt(pen.tilt(), pen.rotation());
        device.emit(Codes.EV_ABS, Codes.ABS_TILT_X, tilt[0]);
        device.emit(Codes.EV_ABS, Codes.ABS_TILT_Y, tilt[1]);
    }

    /**
     * The client gives the angle from upright and the direction the pen leans (clockwise from the top of the
     * screen); the kernel wants the lean projected on each axis, x to the right and y towards the bottom. An
     * unknown direction counts as leaning towards the top.
     */
    static int[] tilt(int tiltDegrees, int rotationDegrees) {
        if (tiltDegrees == Pen.UNKNOWN_TILT || tiltDegrees == 0) {
            return new int[] {0, 0};
        }
        double lean = Math.tan(Math.toRadians(Math.min(tiltDegrees, 89.9)));
        double direction = Math.toRadians(rotationDegrees == Pen.UNKNOWN_ROTATION ? 0 : rotationDegrees);
        int x = (int) Math.round(Math.toDegrees(Math.atan(lean * Math.sin(direction))));
        int y = (int) Math.round(Math.toDegrees(Math.atan(-lean * Math.cos(direction))));
        return new int[] {Math.clamp(x, -90, 90), Math.clamp(y, -90, 90)};
    }

    public VirtualDevice device() {
        return device;
    }
}
