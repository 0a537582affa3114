package io.lumen.input.uinput.impl.dualsense;

import io.lumen.api.input.BatteryState;
import io.lumen.api.input.GamepadBattery;
import io.lumen.api.input.GamepadButton;
import io.lumen.api.input.GamepadMotion;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.GamepadTouchpad;

import java.util.Arrays;

/**
 * What the virtual DualSense holds, as its USB input report 0x01 (64 bytes, the id first; layout per
 * hid-playstation.c's dualsense_input_report): sticks, triggers, buttons with the d-pad as a hat, a counter, the
 * gyroscope and accelerometer, the sensor clock, two touch points and the battery. The client's events update it;
 * each change goes out as one whole report.
 * <p>
 * Not thread-safe: the session's thread drives it.
 */
public final class InputReport {

    public static final int ID = 0x01;
    public static final int SIZE = 64;
    /** The touchpad's resolution as hid-playstation declares it. */
    public static final int TOUCH_WIDTH = 1920;
    public static final int TOUCH_HEIGHT = 1080;
    /**
     * The motion units the report carries, which the calibration in {@link FeatureReports} makes the driver's: 8192
     * per g (the driver's own resolution), and 16 per degree per second (the pad's raw gyro step; the driver
     * multiplies by 64 into its 1024 per degree per second, which would overflow 16 bits past 32 deg/s).
     */
    public static final int ACCEL_PER_G = 8192;
    public static final int GYRO_PER_DEGREE_PER_SECOND = 16;
    static final double STANDARD_GRAVITY = 9.80665;

    static final int STICKS = 1;
    static final int COUNTER = 7;
    static final int BUTTONS = 8;
    static final int GYRO = 16;
    static final int ACCEL = 22;
    static final int SENSOR_TIME = 28;
    static final int TOUCH = 33;
    static final int STATUS = 53;

    static final int HAT_CENTERED = 8;
    static final int TOUCH_INACTIVE = 0x80;

    private static final int SQUARE = 0x10;
    private static final int CROSS = 0x20;
    private static final int CIRCLE = 0x40;
    private static final int TRIANGLE = 0x80;
    private static final int L1 = 0x01;
    private static final int R1 = 0x02;
    private static final int L2 = 0x04;
    private static final int R2 = 0x08;
    private static final int CREATE = 0x10;
    private static final int OPTIONS = 0x20;
    private static final int L3 = 0x40;
    private static final int R3 = 0x80;
    private static final int PS = 0x01;
    private static final int TOUCHPAD_CLICK = 0x02;
    private static final int MUTE = 0x04;

    /** Battery status nibbles: charging state high, tenths of charge low. */
    static final int DISCHARGING = 0x0;
    static final int CHARGING = 0x1;
    static final int FULL = 0x2;
    static final int NOT_CHARGING = 0xA;
    static final int CHARGE_ERROR = 0xF;

    private final byte[] report = new byte[SIZE];
    /** The client's pointer id in each touch slot, or -1 for a free slot. */
    private final long[] pointers = {-1, -1};
    private int nextContact;

    public InputReport() {
        report[0] = ID;
        Arrays.fill(report, STICKS, STICKS + 4, (byte) 0x80);
        report[BUTTONS] = HAT_CENTERED;
        report[TOUCH] = (byte) TOUCH_INACTIVE;
        report[TOUCH + 4] = (byte) TOUCH_INACTIVE;
        // at rest on a table: gravity along +y, as the pad reports it lying flat
        putShort(ACCEL + 2, ACCEL_PER_G);
        report[STATUS] = (byte) (FULL << 4 | 10);
    }

    /** Sticks, triggers and buttons from the client's state; the touches, motion and battery stay. */
    public void apply(GamepadState state) {
        report[STICKS] = (byte) axis(state.leftStickX());
        report[STICKS + 1] = (byte) axis(down(state.leftStickY()));
        report[STICKS + 2] = (byte) axis(state.rightStickX());
        report[STICKS + 3] = (byte) axis(down(state.rightStickY()));
        report[STICKS + 4] = (byte) state.leftTrigger();
        report[STICKS + 5] = (byte) state.rightTrigger();
        int buttons0 = hat(state.pressed(GamepadButton.DPAD_UP), state.pressed(GamepadButton.DPAD_RIGHT),
                state.pressed(GamepadButton.DPAD_DOWN), state.pressed(GamepadButton.DPAD_LEFT))
                | bit(state, GamepadButton.X, SQUARE) | bit(state, GamepadButton.A, CROSS)
                | bit(state, GamepadButton.B, CIRCLE) | bit(state, GamepadButton.Y, TRIANGLE);
        int buttons1 = bit(state, GamepadButton.LEFT_SHOULDER, L1) | bit(state, GamepadButton.RIGHT_SHOULDER, R1)
                | (state.leftTrigger() > 0 ? L2 : 0) | (state.rightTrigger() > 0 ? R2 : 0)
                | bit(state, GamepadButton.BACK, CREATE) | bit(state, GamepadButton.START, OPTIONS)
                | bit(state, GamepadButton.LEFT_STICK, L3) | bit(state, GamepadButton.RIGHT_STICK, R3);
        int buttons2 = bit(state, GamepadButton.GUIDE, PS) | bit(state, GamepadButton.TOUCHPAD, TOUCHPAD_CLICK)
                | bit(state, GamepadButton.MISC, MUTE);
        report[BUTTONS] = (byte) buttons0;
        report[BUTTONS + 1] = (byte) buttons1;
        report[BUTTONS + 2] = (byte) buttons2;
    }

    /**
     * A finger on touchpad 0. The pad tracks two: a new finger takes a free slot with a fresh contact number (the
     * driver sees a new touch), a lifted one marks its slot inactive. Returns false when the event changes nothing
     * (a third finger, the second touchpad, hovering).
     */
    public boolean touch(GamepadTouchpad touch) {
        if (touch.touchpad() != 0) {
            return false;
        }
        switch (touch.action()) {
            case DOWN, MOVE -> {
                int slot = slotOf(touch.pointerId());
                if (slot < 0) {
                    slot = slotOf(-1);
                    if (slot < 0) {
                        return false;
                    }
                    pointers[slot] = touch.pointerId();
                    report[TOUCH + 4 * slot] = (byte) (nextContact++ & 0x7F);
                }
                placeFinger(slot, touch.x(), touch.y());
                return true;
            }
            case UP, CANCEL -> {
                int slot = slotOf(touch.pointerId());
                if (slot < 0) {
                    return false;
                }
                lift(slot);
                return true;
            }
            case CANCEL_ALL -> {
                return liftAll();
            }
            default -> {
                return false;
            }
        }
    }

    /** A reading of one motion sensor, in the API's units, into the report's. */
    public void motion(GamepadMotion motion) {
        switch (motion.sensor()) {
            case ACCELEROMETER -> {
                double perUnit = ACCEL_PER_G / STANDARD_GRAVITY;
                putShort(ACCEL, sensor(motion.x() * perUnit));
                putShort(ACCEL + 2, sensor(motion.y() * perUnit));
                putShort(ACCEL + 4, sensor(motion.z() * perUnit));
            }
            case GYROSCOPE -> {
                putShort(GYRO, sensor(motion.x() * GYRO_PER_DEGREE_PER_SECOND));
                putShort(GYRO + 2, sensor(motion.y() * GYRO_PER_DEGREE_PER_SECOND));
                putShort(GYRO + 4, sensor(motion.z() * GYRO_PER_DEGREE_PER_SECOND));
            }
        }
    }

    /**
     * The battery as the status byte says it: the charging state, and the charge in tenths (the driver shows
     * tenths * 10 + 5 %, so 57 % reads back as 55 %). An unknown percentage keeps the last one.
     */
    public void battery(GamepadBattery battery) {
        int tenths = battery.percent() == GamepadBattery.UNKNOWN_PERCENT
                ? report[STATUS] & 0x0F : Math.min(battery.percent() / 10, 10);
        int state = switch (battery.state()) {
            case DISCHARGING -> DISCHARGING;
            case CHARGING -> CHARGING;
            case FULL, NOT_PRESENT -> FULL; // a wired pad without a battery never runs low
            case NOT_CHARGING -> NOT_CHARGING;
            case UNKNOWN -> CHARGE_ERROR;
        };
        if (battery.state() == BatteryState.FULL || battery.state() == BatteryState.NOT_PRESENT) {
            tenths = 10;
        }
        report[STATUS] = (byte) (state << 4 | tenths);
    }

    /** Buttons up, sticks and triggers centred, fingers lifted: what the pad sends before it goes. */
    public void rest() {
        Arrays.fill(report, STICKS, STICKS + 4, (byte) 0x80);
        report[STICKS + 4] = 0;
        report[STICKS + 5] = 0;
        report[BUTTONS] = HAT_CENTERED;
        report[BUTTONS + 1] = 0;
        report[BUTTONS + 2] = 0;
        liftAll();
    }

    /**
     * The next report to send: the counter goes up by one and the sensor clock reads {@code micros} in the pad's
     * units of 1/3 µs (the driver takes differences, so only the rate matters, and wrapping is expected).
     */
    public byte[] next(long micros) {
        report[COUNTER]++;
        int ticks = (int) (micros * 3);
        report[SENSOR_TIME] = (byte) ticks;
        report[SENSOR_TIME + 1] = (byte) (ticks >> 8);
        report[SENSOR_TIME + 2] = (byte) (ticks >> 16);
        report[SENSOR_TIME + 3] = (byte) (ticks >> 24);
        return report.clone();
    }

    private boolean liftAll() {
        boolean lifted = false;
        for (int slot = 0; slot < pointers.length; slot++) {
            if (pointers[slot] >= 0) {
                lift(slot);
                lifted = true;
            }
        }
        return lifted;
    }

    private void lift(int slot) {
        pointers[slot] = -1;
        report[TOUCH + 4 * slot] |= (byte) TOUCH_INACTIVE;
    }

    private int slotOf(long pointerId) {
        for (int slot = 0; slot < pointers.length; slot++) {
            if (pointers[slot] == pointerId) {
                return slot;
            }
        }
        return -1;
    }

    /** 12-bit x and y packed as the pad does: x low byte, x high nibble with y low nibble, y high byte. */
    private void placeFinger(int slot, float x, float y) {
        int px = Math.clamp(Math.round(x * (TOUCH_WIDTH - 1)), 0, TOUCH_WIDTH - 1);
        int py = Math.clamp(Math.round(y * (TOUCH_HEIGHT - 1)), 0, TOUCH_HEIGHT - 1);
        int at = TOUCH + 4 * slot;
        report[at + 1] = (byte) px;
        report[at + 2] = (byte) ((px >> 8) & 0x0F | (py & 0x0F) << 4);
        report[at + 3] = (byte) (py >> 4);
    }

    private void putShort(int at, int value) {
        report[at] = (byte) value;
        report[at + 1] = (byte) (value >> 8);
    }

    private static int sensor(double value) {
        return (int) Math.clamp(Math.round(value), Short.MIN_VALUE, Short.MAX_VALUE);
    }

    /** -32768..32767 onto 0..255 with 0 at 128, as the pad's 8-bit sticks. */
    static int axis(int value) {
        return (value + 32768) >> 8;
    }

    /** The client counts up as positive, the report counts down: full up (32767) becomes -32767. */
    static int down(int upPositive) {
        return Math.min(-upPositive, Short.MAX_VALUE);
    }

    /** The d-pad as the pad's hat: 0 north, clockwise in eighths, 8 for none (opposites cancel). */
    static int hat(boolean up, boolean right, boolean down, boolean left) {
        int y = up == down ? 0 : up ? -1 : 1;
        int x = left == right ? 0 : right ? 1 : -1;
        return switch (y * 3 + x) {
            case -3 -> 0;
            case -2 -> 1;
            case 1 -> 2;
            case 4 -> 3;
            case 3 -> 4;
            case 2 -> 5;
            case -1 -> 6;
            case -4 -> 7;
            default -> HAT_CENTERED;
        };
    }

    private static int bit(GamepadState state, GamepadButton button, int flag) {
        return state.pressed(button) ? flag : 0;
    }
}
