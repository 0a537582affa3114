package io.lumen.protocol.moonlight.impl.control;

import io.lumen.api.input.MotionSensor;
import io.lumen.api.input.PadFeedback;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pad feedback messages byte for byte, as moonlight-common-c's queueAsyncCallback reads them: the type, then the
 * little-endian fields after the framing.
 */
class PadFeedbackMessagesTest {

    private static String hex(PadFeedback feedback) {
        return HexFormat.of().formatHex(PadFeedbackMessages.of(feedback).bytes());
    }

    @Test
    void rumbleSkipsFourBytesThenControllerAndBothMotors() {
        assertEquals("0b010a00" + "00000000" + "0200" + "3412" + "ffff",
                hex(new PadFeedback.Rumble(2, 0x1234, 0xFFFF)));
    }

    @Test
    void triggerRumbleIsControllerLeftRight() {
        assertEquals("00550600" + "0100" + "0080" + "0100", hex(new PadFeedback.TriggerRumble(1, 0x8000, 1)));
    }

    @Test
    void motionEventStateIsControllerRateAndSensorType() {
        assertEquals("01550500" + "0300" + "c800" + "02", hex(new PadFeedback.MotionReports(3, MotionSensor.GYROSCOPE,
                200)));
        assertEquals("01550500" + "0000" + "0000" + "01", hex(new PadFeedback.MotionReports(0,
                MotionSensor.ACCELEROMETER, 0)));
    }

    @Test
    void ledIsControllerThenRedGreenBlue() {
        assertEquals("02550500" + "0f00" + "ff8001", hex(new PadFeedback.Led(15, 255, 128, 1)));
    }

    @Test
    void adaptiveTriggersCarryTheEffectsAsTheyCame() {
        byte[] left = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        byte[] right = {(byte) 0xF0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xAA};
        assertEquals("03551900" + "0100" + "0c" + "21" + "26" + "0102030405060708090a" + "f00000000000000000aa",
                hex(new PadFeedback.AdaptiveTriggers(1, PadFeedback.AdaptiveTriggers.LEFT_TRIGGER
                        | PadFeedback.AdaptiveTriggers.RIGHT_TRIGGER, 0x21, 0x26, left, right)));
    }
}
