package io.lumen.input.uinput.impl.device;

import io.lumen.api.input.GamepadButton;
import io.lumen.api.input.GamepadState;
import io.lumen.input.uinput.impl.kernel.AbsAxis;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.DeviceId;

import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A wired Xbox 360 pad, exactly as the kernel's xpad driver presents one: Microsoft's 0x045e:0x028e on USB, the
 * same buttons, sticks of -32768..32767, triggers of 0..255, the d-pad as a hat, and rumble. That id rather than
 * an Xbox One or Series one because what lumen sends is the 360 pad's shape: SDL, Steam Input, Wine and games
 * recognise the id and map it without configuration, whereas a Series id promises 0..1023 triggers and a Share
 * button.
 */
public final class Gamepad {

    public static final DeviceId ID = new DeviceId(Codes.BUS_USB, 0x045e, 0x028e, 0x0110);
    public static final int FF_EFFECTS_MAX = 16;
    private static final int STICK_FUZZ = 16;
    private static final int STICK_FLAT = 128;

    /** The one table from the client's button bits to the pad's key codes; the d-pad is the hat, below. */
    static final Map<GamepadButton, Integer> BUTTON_CODES;

    static {
        Map<GamepadButton, Integer> codes = new EnumMap<>(GamepadButton.class);
        codes.put(GamepadButton.A, Codes.BTN_SOUTH);
        codes.put(GamepadButton.B, Codes.BTN_EAST);
        codes.put(GamepadButton.X, Codes.BTN_NORTH);
        codes.put(GamepadButton.Y, Codes.BTN_WEST);
        codes.put(GamepadButton.LEFT_SHOULDER, Codes.BTN_TL);
        codes.put(GamepadButton.RIGHT_SHOULDER, Codes.BTN_TR);
        codes.put(GamepadButton.BACK, Codes.BTN_SELECT);
        codes.put(GamepadButton.START, Codes.BTN_START);
        codes.put(GamepadButton.GUIDE, Codes.BTN_MODE);
        codes.put(GamepadButton.LEFT_STICK, Codes.BTN_THUMBL);
        codes.put(GamepadButton.RIGHT_STICK, Codes.BTN_THUMBR);
        BUTTON_CODES = Collections.unmodifiableMap(codes);
    }

    private static final int[] AXES = {Codes.ABS_X, Codes.ABS_Y, Codes.ABS_RX, Codes.ABS_RY, Codes.ABS_Z,
            Codes.ABS_RZ, Codes.ABS_HAT0X, Codes.ABS_HAT0Y};

    private final VirtualDevice device;
    private final int controllerNumber;
    /** The last value sent on each of AXES. */
    private final int[] axisValues = new int[AXES.length];

    public Gamepad(VirtualDevice device, int controllerNumber) {
        this.device = device;
        this.controllerNumber = controllerNumber;
    }

    public static DeviceSpec spec(String clientName, int controllerNumber) {
        int[] keys = BUTTON_CODES.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        return new DeviceSpec(DeviceSpec.name("X-Box 360 pad " + (controllerNumber + 1), clientName), ID, keys,
                new int[0], List.of(
                        stick(Codes.ABS_X), stick(Codes.ABS_Y), stick(Codes.ABS_RX), stick(Codes.ABS_RY),
                        AbsAxis.of(Codes.ABS_Z, 0, 255), AbsAxis.of(Codes.ABS_RZ, 0, 255),
                        AbsAxis.of(Codes.ABS_HAT0X, -1, 1), AbsAxis.of(Codes.ABS_HAT0Y, -1, 1)),
                new int[0], new int[] {Codes.FF_RUMBLE}, FF_EFFECTS_MAX);
    }

    private static AbsAxis stick(int code) {
        return new AbsAxis(code, Short.MIN_VALUE, Short.MAX_VALUE, STICK_FUZZ, STICK_FLAT, 0);
    }

    public int controllerNumber() {
        return controllerNumber;
    }

    /** Sends what changed since the last state, in one frame; nothing when nothing did. */
    public void apply(GamepadState state) throws IOException {
        boolean changed = false;
        for (Map.Entry<GamepadButton, Integer> button : BUTTON_CODES.entrySet()) {
            boolean down = state.pressed(button.getKey());
            if (down != device.held(button.getValue())) {
                device.key(button.getValue(), down);
                changed = true;
            }
        }
        int[] values = {
                state.leftStickX(), down(state.leftStickY()), state.rightStickX(), down(state.rightStickY()),
                state.leftTrigger(), state.rightTrigger(),
                hat(state.pressed(GamepadButton.DPAD_LEFT), state.pressed(GamepadButton.DPAD_RIGHT)),
                hat(state.pressed(GamepadButton.DPAD_UP), state.pressed(GamepadButton.DPAD_DOWN))};
        for (int i = 0; i < AXES.length; i++) {
            if (values[i] != axisValues[i]) {
                axisValues[i] = values[i];
                device.emit(Codes.EV_ABS, AXES[i], values[i]);
                changed = true;
            }
        }
        if (changed) {
            device.sync();
        }
    }

    /** The client counts up as positive, evdev counts down: full up (32767) becomes -32767, full down 32767. */
    static int down(int upPositive) {
        return Math.min(-upPositive, Short.MAX_VALUE);
    }

    /** A hat axis: -1 towards the first direction, 1 towards the second, 0 for neither or both. */
    private static int hat(boolean negative, boolean positive) {
        return negative == positive ? 0 : negative ? -1 : 1;
    }

    public VirtualDevice device() {
        return device;
    }
}
