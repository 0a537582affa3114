package io.lumen.input.uinput.impl.dualsense;

import io.lumen.api.input.InputFeedback;
import io.lumen.api.input.PadFeedback;

import java.util.Arrays;

/**
 * What the pad's driver (or a program writing to its hidraw node) asks of it through USB output report 0x02, told
 * to the client's pad as {@link PadFeedback}: the two rumble motors, the light bar, the adaptive triggers. Each
 * part counts only when its valid flag is set (layout per hid-playstation.c's dualsense_output_report_common, the
 * trigger blocks as SDL and Sunshine read them); the client hears only changes.
 * <p>
 * Not thread-safe: the feedback loop drives it.
 */
public final class OutputReports {

    public static final int ID = 0x02;
    /** The report through the light-bar blue byte; the driver sends 63 bytes, SDL 48. */
    static final int MINIMUM_SIZE = 48;

    static final int VALID0 = 1;
    static final int VALID1 = 2;
    static final int MOTOR_RIGHT = 3;
    static final int MOTOR_LEFT = 4;
    static final int RIGHT_TRIGGER = 11;
    static final int LEFT_TRIGGER = 22;
    static final int VALID2 = 39;
    static final int PLAYER_LEDS = 44;
    static final int LIGHT_BAR = 45;

    static final int VALID0_COMPATIBLE_VIBRATION = 0x01;
    static final int VALID0_HAPTICS_SELECT = 0x02;
    static final int VALID1_LIGHT_BAR = 0x04;
    static final int VALID1_PLAYER_LEDS = 0x10;
    static final int VALID2_COMPATIBLE_VIBRATION2 = 0x04;
    /** A trigger block: the effect's type, then its parameters. */
    static final int TRIGGER_BLOCK = 1 + PadFeedback.AdaptiveTriggers.EFFECT_BYTES;

    private static final System.Logger LOG = System.getLogger("lumen.input.uinput");

    private final int controllerNumber;
    private final InputFeedback feedback;
    private int left;
    private int right;
    private int[] lightBar;
    private int playerLeds = -1;
    private final byte[] leftTrigger = new byte[TRIGGER_BLOCK];
    private final byte[] rightTrigger = new byte[TRIGGER_BLOCK];

    public OutputReports(int controllerNumber, InputFeedback feedback) {
        this.controllerNumber = controllerNumber;
        this.feedback = feedback;
    }

    /** One output report, its id first; returns false for one that is not a DualSense USB output report. */
    public boolean accept(byte[] report) {
        if (report.length < MINIMUM_SIZE || report[0] != ID) {
            return false;
        }
        int valid0 = Byte.toUnsignedInt(report[VALID0]);
        int valid1 = Byte.toUnsignedInt(report[VALID1]);
        int valid2 = Byte.toUnsignedInt(report[VALID2]);
        if ((valid0 & (VALID0_COMPATIBLE_VIBRATION | VALID0_HAPTICS_SELECT)) != 0
                || (valid2 & VALID2_COMPATIBLE_VIBRATION2) != 0) {
            rumble(Byte.toUnsignedInt(report[MOTOR_LEFT]), Byte.toUnsignedInt(report[MOTOR_RIGHT]));
        }
        if ((valid1 & VALID1_LIGHT_BAR) != 0) {
            lightBar(Byte.toUnsignedInt(report[LIGHT_BAR]), Byte.toUnsignedInt(report[LIGHT_BAR + 1]),
                    Byte.toUnsignedInt(report[LIGHT_BAR + 2]));
        }
        if ((valid1 & VALID1_PLAYER_LEDS) != 0 && report[PLAYER_LEDS] != playerLeds) {
            // the client's pad shows its own number; the row of five LEDs has no message to carry it
            playerLeds = report[PLAYER_LEDS];
            LOG.log(System.Logger.Level.DEBUG, "pad " + controllerNumber + ": player LEDs 0b"
                    + Integer.toBinaryString(playerLeds & 0x1F) + " (not sent to the client)");
        }
        triggers(report, valid0 & (PadFeedback.AdaptiveTriggers.RIGHT_TRIGGER
                | PadFeedback.AdaptiveTriggers.LEFT_TRIGGER));
        return true;
    }

    /**
     * The motors' 0..255 spread over 0..65535 by 257 (0xFF becomes 0xFFFF exactly, so full strength stays full
     * and the driver's own division by 256 of a game's 16-bit magnitude comes back within 1/256).
     */
    private void rumble(int leftMotor, int rightMotor) {
        if (leftMotor != left || rightMotor != right) {
            left = leftMotor;
            right = rightMotor;
            feedback.send(new PadFeedback.Rumble(controllerNumber, leftMotor * 257, rightMotor * 257));
        }
    }

    private void lightBar(int red, int green, int blue) {
        int[] colour = {red, green, blue};
        if (!Arrays.equals(colour, lightBar)) {
            lightBar = colour;
            feedback.send(new PadFeedback.Led(controllerNumber, red, green, blue));
        }
    }

    private void triggers(byte[] report, int valid) {
        int changed = 0;
        if ((valid & PadFeedback.AdaptiveTriggers.RIGHT_TRIGGER) != 0
                && store(report, RIGHT_TRIGGER, rightTrigger)) {
            changed |= PadFeedback.AdaptiveTriggers.RIGHT_TRIGGER;
        }
        if ((valid & PadFeedback.AdaptiveTriggers.LEFT_TRIGGER) != 0 && store(report, LEFT_TRIGGER, leftTrigger)) {
            changed |= PadFeedback.AdaptiveTriggers.LEFT_TRIGGER;
        }
        if (changed != 0) {
            feedback.send(new PadFeedback.AdaptiveTriggers(controllerNumber, changed,
                    Byte.toUnsignedInt(leftTrigger[0]), Byte.toUnsignedInt(rightTrigger[0]),
                    Arrays.copyOfRange(leftTrigger, 1, TRIGGER_BLOCK),
                    Arrays.copyOfRange(rightTrigger, 1, TRIGGER_BLOCK)));
        }
    }

    private static boolean store(byte[] report, int at, byte[] block) {
        byte[] now = Arrays.copyOfRange(report, at, at + TRIGGER_BLOCK);
        if (Arrays.equals(now, block)) {
            return false;
        }
        System.arraycopy(now, 0, block, 0, TRIGGER_BLOCK);
        return true;
    }

    /** The pad goes away: a rumbling client pad is told to stop. */
    public void stop() {
        if (left != 0 || right != 0) {
            left = 0;
            right = 0;
            feedback.send(new PadFeedback.Rumble(controllerNumber, 0, 0));
        }
    }
}
