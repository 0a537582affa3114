package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.Pen;
import io.lumen.api.input.PenButton;
import io.lumen.api.input.PenTool;
import io.lumen.api.input.Touch;
import io.lumen.api.input.TouchAction;
import io.lumen.testkit.moonlight.ClientInput;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sunshine's touch and pen packets, every field checked. */
class InputDecoderPointerTest {

    private static final String SESSION = "12";

    private static byte[] touch(int action, int rotation, int pointerId, float x, float y, float pressure,
                                float major, float minor) {
        return ClientInput.fields(0x55000002).u8(action).u8(0).le16(rotation).le32(pointerId)
                .leFloat(x).leFloat(y).leFloat(pressure).leFloat(major).leFloat(minor).packet();
    }

    private static byte[] pen(int action, int tool, int buttons, float x, float y, float pressure, int rotation,
                              int tilt, float major, float minor) {
        return ClientInput.fields(0x55000003).u8(action).u8(tool).u8(buttons).u8(0).leFloat(x).leFloat(y)
                .leFloat(pressure).le16(rotation).u8(tilt).u8(0).leFloat(major).leFloat(minor).packet();
    }

    @Test
    void aFingerDown() throws Exception {
        assertEquals(new Touch(SESSION, TouchAction.DOWN, 0xFFFF_FFFEL, 0.25f, 0.75f, 0.5f, 0.1f, 0.05f, 90),
                InputDecoder.decode(SESSION,
                        ClientInput.touch(TouchAction.DOWN, 0xFFFF_FFFEL, 0.25f, 0.75f, 0.5f, 0.1f, 0.05f, 90)));
    }

    @Test
    void everyTouchAction() throws Exception {
        TouchAction[] actions = TouchAction.values();
        for (int code = 0; code < actions.length; code++) {
            Touch touch = (Touch) InputDecoder.decode(SESSION, touch(code, 0, 1, 0f, 0f, 0f, 0f, 0f));
            assertEquals(actions[code], touch.action(), "action " + code);
        }
    }

    @Test
    void rotationUnknownAndWrapped() throws Exception {
        assertEquals(Touch.UNKNOWN_ROTATION,
                ((Touch) InputDecoder.decode(SESSION, touch(3, 0xFFFF, 1, 0f, 0f, 0f, 0f, 0f))).rotation());
        assertEquals(40, ((Touch) InputDecoder.decode(SESSION, touch(3, 400, 1, 0f, 0f, 0f, 0f, 0f))).rotation());
        assertEquals(0, ((Touch) InputDecoder.decode(SESSION, touch(3, 360, 1, 0f, 0f, 0f, 0f, 0f))).rotation());
    }

    @Test
    void valuesOutsideTheScreenAreClampedAndNotANumberIsZero() throws Exception {
        Touch touch = (Touch) InputDecoder.decode(SESSION,
                touch(7, 0, 0, Float.NaN, 1.5f, Float.POSITIVE_INFINITY, -3f, Float.NEGATIVE_INFINITY));
        assertEquals(new Touch(SESSION, TouchAction.CANCEL_ALL, 0, 0f, 1f, 1f, 0f, 0f, 0), touch);
    }

    @Test
    void anEraserWithTwoButtonsHeld() throws Exception {
        Pen pen = (Pen) InputDecoder.decode(SESSION,
                ClientInput.pen(TouchAction.MOVE, PenTool.ERASER, 0x03, 0.5f, 0.25f, 0.875f, 0.01f, 0.02f, 270, 45));
        assertEquals(new Pen(SESSION, TouchAction.MOVE, PenTool.ERASER, 0x03, 0.5f, 0.25f, 0.875f, 0.01f, 0.02f, 270, 45),
                pen);
        assertTrue(pen.pressed(PenButton.PRIMARY));
        assertTrue(pen.pressed(PenButton.SECONDARY));
        assertFalse(pen.pressed(PenButton.TERTIARY));
    }

    @Test
    void penUnknownsAndLimits() throws Exception {
        Pen unknown = (Pen) InputDecoder.decode(SESSION, pen(0, 0, 0, 0f, 0f, 0f, 0xFFFF, 0xFF, 0f, 0f));
        assertEquals(new Pen(SESSION, TouchAction.HOVER, PenTool.UNKNOWN, 0, 0f, 0f, 0f, 0f, 0f, Pen.UNKNOWN_ROTATION,
                Pen.UNKNOWN_TILT), unknown);
        Pen beyond = (Pen) InputDecoder.decode(SESSION, pen(5, 9, 0x84, 2f, -1f, 0f, 725, 120, 0f, 0f));
        assertEquals(new Pen(SESSION, TouchAction.BUTTON_ONLY, PenTool.UNKNOWN, 0x84, 1f, 0f, 0f, 0f, 0f, 5, 90), beyond);
        assertTrue(beyond.pressed(PenButton.TERTIARY));
        assertEquals(PenTool.PEN, ((Pen) InputDecoder.decode(SESSION,
                ClientInput.pen(TouchAction.DOWN, PenTool.PEN, 0, 0f, 0f, 0f, 0f, 0f, 0, 0))).tool());
    }
}
