package io.lumen.input.uinput.impl.dualsense;

import io.lumen.api.input.PadFeedback;
import io.lumen.api.input.PadFeedback.AdaptiveTriggers;
import io.lumen.api.input.PadFeedback.Led;
import io.lumen.api.input.PadFeedback.Rumble;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output report 0x02 bytes, as the driver and SDL write them, into what the client's pad is told. */
class OutputReportsTest {

    private final List<PadFeedback> sent = new ArrayList<>();
    private final OutputReports outputs = new OutputReports(2, sent::add);

    /** A USB output report of the driver's size (63 bytes); offsets per hid-playstation.c, id at 0. */
    private static byte[] report() {
        byte[] report = new byte[63];
        report[0] = 0x02;
        return report;
    }

    @Test
    void rumbleCountsOnlyWithItsFlagsAndSpreadsTheMotorsByTwoFiftySeven() {
        byte[] report = report();
        report[3] = 0x40; // right (light) motor
        report[4] = (byte) 0xFF; // left (heavy) motor
        assertTrue(outputs.accept(report));
        assertEquals(List.of(), sent, "no valid flag, no rumble");

        report[1] = 0x02 | 0x01; // haptics select + compatible vibration, as the driver before vibration v2
        outputs.accept(report);
        assertEquals(List.of(new Rumble(2, 0xFFFF, 0x40 * 257)), sent);
        outputs.accept(report);
        assertEquals(1, sent.size(), "the same rumble again is not sent again");

        report[1] = 0x02;
        report[39] = 0x04; // vibration v2
        report[3] = 0;
        report[4] = 0;
        outputs.accept(report);
        assertEquals(new Rumble(2, 0, 0), sent.getLast());
    }

    @Test
    void theLightBarIsSentWhenItsFlagIsSetAndItChanged() {
        byte[] report = report();
        report[2] = 0x04;
        report[45] = 0;
        report[46] = 0;
        report[47] = (byte) 128; // the driver's default blue at probe
        outputs.accept(report);
        report[2] = 0x10; // player LEDs only: nothing for the client
        report[44] = 0x04;
        outputs.accept(report);
        report[2] = 0x04;
        report[45] = (byte) 255;
        outputs.accept(report);
        assertEquals(List.of(new Led(2, 0, 0, 128), new Led(2, 255, 0, 128)), sent);
    }

    @Test
    void adaptiveTriggersCarryTheChangedTriggersAndBothBlocks() {
        byte[] report = report();
        report[1] = 0x04; // right trigger effect valid
        report[11] = 0x21; // type
        for (int i = 0; i < 10; i++) {
            report[12 + i] = (byte) (i + 1);
        }
        outputs.accept(report);
        AdaptiveTriggers first = (AdaptiveTriggers) sent.getLast();
        assertEquals(AdaptiveTriggers.RIGHT_TRIGGER, first.triggers());
        assertEquals(0x21, first.rightType());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, first.rightEffect());
        assertEquals(0, first.leftType());

        outputs.accept(report);
        assertEquals(1, sent.size(), "unchanged: not sent again");

        report[1] = 0x04 | 0x08;
        report[22] = 0x26;
        report[23] = 9;
        outputs.accept(report);
        AdaptiveTriggers second = (AdaptiveTriggers) sent.getLast();
        assertEquals(AdaptiveTriggers.LEFT_TRIGGER, second.triggers(), "only the left one changed");
        assertEquals(0x26, second.leftType());
        assertEquals(9, second.leftEffect()[0]);
        assertEquals(0x21, second.rightType(), "the right one still as set");
    }

    @Test
    void sdlsShorterReportIsReadAndOthersAreRefused() {
        byte[] sdl = new byte[48];
        sdl[0] = 0x02;
        sdl[2] = 0x04;
        sdl[47] = 7;
        assertTrue(outputs.accept(sdl));
        assertEquals(List.of(new Led(2, 0, 0, 7)), sent);
        assertFalse(outputs.accept(new byte[47]), "too short");
        byte[] bluetooth = new byte[78];
        bluetooth[0] = 0x31;
        assertFalse(outputs.accept(bluetooth), "not the USB report");
    }

    @Test
    void stoppingARumblingPadTellsTheClient() {
        outputs.stop();
        assertEquals(List.of(), sent, "not rumbling: nothing to stop");
        byte[] report = report();
        report[1] = 0x03;
        report[4] = 10;
        outputs.accept(report);
        outputs.stop();
        assertEquals(new Rumble(2, 0, 0), sent.getLast());
    }
}
