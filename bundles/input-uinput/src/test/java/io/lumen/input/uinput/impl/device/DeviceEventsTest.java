package io.lumen.input.uinput.impl.device;

import io.lumen.api.input.GamepadButton;
import io.lumen.api.input.GamepadState;
import io.lumen.api.input.KeyChange;
import io.lumen.api.input.MouseButton;
import io.lumen.api.input.MousePosition;
import io.lumen.api.input.Pen;
import io.lumen.api.input.PenButton;
import io.lumen.api.input.PenTool;
import io.lumen.api.input.Scroll;
import io.lumen.api.input.ScrollAxis;
import io.lumen.api.input.Touch;
import io.lumen.api.input.TouchAction;
import io.lumen.input.uinput.impl.kernel.Codes;
import io.lumen.input.uinput.impl.kernel.RecordingPort;
import io.lumen.input.uinput.impl.kernel.RecordingPort.Event;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static io.lumen.input.uinput.impl.kernel.Codes.EV_ABS;
import static io.lumen.input.uinput.impl.kernel.Codes.EV_KEY;
import static io.lumen.input.uinput.impl.kernel.Codes.EV_REL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each client event becomes on its device, read back from the bytes written. */
class DeviceEventsTest {

    private static final String S = "s1";
    private static final Event SYN = new Event(Codes.EV_SYN, Codes.SYN_REPORT, 0);

    private final RecordingPort port = new RecordingPort();

    private VirtualDevice device(DeviceSpec spec) throws IOException {
        VirtualDevice device = VirtualDevice.create(port, spec);
        port.clear();
        return device;
    }

    private static Event ev(int type, int code, int value) {
        return new Event(type, code, value);
    }

    /** Takes what was written since the last call. */
    private List<Event> written() {
        List<Event> events = port.events();
        port.clear();
        return events;
    }

    @Test
    void aKeyIsOneEventAndASyncInOneWrite() throws IOException {
        Keyboard keyboard = new Keyboard(device(Keyboard.spec("c")), vk -> vk == 0x41 ? 30 : 0);
        assertTrue(keyboard.accept(new KeyChange(S, 0x41, true, 0, false)));
        assertEquals(1, port.calls.size(), "one write per client event");
        assertEquals(List.of(ev(EV_KEY, 30, 1), SYN), written());
        assertTrue(keyboard.accept(new KeyChange(S, 0x41, false, 0, false)));
        assertEquals(List.of(ev(EV_KEY, 30, 0), SYN), written());
    }

    @Test
    void aKeyTheTableDoesNotKnowIsDropped() throws IOException {
        Keyboard keyboard = new Keyboard(device(Keyboard.spec("c")), vk -> vk == 0x42 ? 300 : 0);
        assertFalse(keyboard.accept(new KeyChange(S, 0x41, true, 0, false)));
        assertFalse(keyboard.accept(new KeyChange(S, 0x42, true, 0, false)), "beyond KEY_MICMUTE");
        assertEquals(List.of(), written());
    }

    @Test
    void wheelsSendHighResolutionAndAWholeNotchWhenOneAddsUp() throws IOException {
        RelativeMouse mouse = new RelativeMouse(device(RelativeMouse.spec("c")));
        mouse.scroll(new Scroll(S, ScrollAxis.VERTICAL, 60));
        assertEquals(List.of(ev(EV_REL, Codes.REL_WHEEL_HI_RES, 60), SYN), written());
        mouse.scroll(new Scroll(S, ScrollAxis.VERTICAL, 60));
        assertEquals(List.of(ev(EV_REL, Codes.REL_WHEEL_HI_RES, 60), ev(EV_REL, Codes.REL_WHEEL, 1), SYN), written());
        mouse.scroll(new Scroll(S, ScrollAxis.VERTICAL, -360));
        assertEquals(List.of(ev(EV_REL, Codes.REL_WHEEL_HI_RES, -360), ev(EV_REL, Codes.REL_WHEEL, -3), SYN),
                written());
        mouse.scroll(new Scroll(S, ScrollAxis.HORIZONTAL, 100));
        mouse.scroll(new Scroll(S, ScrollAxis.HORIZONTAL, -40));
        mouse.scroll(new Scroll(S, ScrollAxis.HORIZONTAL, 80));
        assertEquals(List.of(ev(EV_REL, Codes.REL_HWHEEL_HI_RES, 100), SYN,
                ev(EV_REL, Codes.REL_HWHEEL_HI_RES, -40), SYN,
                ev(EV_REL, Codes.REL_HWHEEL_HI_RES, 80), ev(EV_REL, Codes.REL_HWHEEL, 1), SYN), written());
    }

    @Test
    void motionAndButtons() throws IOException {
        RelativeMouse mouse = new RelativeMouse(device(RelativeMouse.spec("c")));
        mouse.move(5, -3);
        mouse.move(0, 7);
        mouse.move(0, 0);
        mouse.button(MouseButton.X1, true);
        mouse.button(MouseButton.X2, true);
        mouse.button(MouseButton.LEFT, false);
        assertEquals(List.of(ev(EV_REL, Codes.REL_X, 5), ev(EV_REL, Codes.REL_Y, -3), SYN,
                ev(EV_REL, Codes.REL_Y, 7), SYN,
                ev(EV_KEY, Codes.BTN_SIDE, 1), SYN, ev(EV_KEY, Codes.BTN_EXTRA, 1), SYN,
                ev(EV_KEY, Codes.BTN_LEFT, 0), SYN), written());
    }

    @Test
    void absolutePositionsReachBothEdgesOfTheStream() throws IOException {
        AbsolutePointer pointer = new AbsolutePointer(device(AbsolutePointer.spec("c", 1920, 1080)));
        pointer.moveTo(new MousePosition(S, 0, 0, 1280, 720));
        pointer.moveTo(new MousePosition(S, 1279, 719, 1280, 720));
        pointer.moveTo(new MousePosition(S, 640, 360, 1281, 721));
        assertEquals(List.of(ev(EV_ABS, Codes.ABS_X, 0), ev(EV_ABS, Codes.ABS_Y, 0), SYN,
                ev(EV_ABS, Codes.ABS_X, 1919), ev(EV_ABS, Codes.ABS_Y, 1079), SYN,
                ev(EV_ABS, Codes.ABS_X, 960), ev(EV_ABS, Codes.ABS_Y, 540), SYN), written());
        assertEquals(0, AbsolutePointer.spec("c", 10, 10).properties().length, "not direct");
    }

    private static Touch touch(TouchAction action, long pointer, float x, float y, float pressure) {
        return new Touch(S, action, pointer, x, y, pressure, 0, 0, Touch.UNKNOWN_ROTATION);
    }

    @Test
    void fingersHoldSlotsWithFreshTrackingIds() throws IOException {
        Touchscreen screen = new Touchscreen(device(Touchscreen.spec("c", 1001, 501)));
        screen.accept(touch(TouchAction.DOWN, 77, 0.5f, 0.5f, 1f));
        assertEquals(List.of(ev(EV_ABS, Codes.ABS_MT_SLOT, 0), ev(EV_ABS, Codes.ABS_MT_TRACKING_ID, 0),
                ev(EV_ABS, Codes.ABS_MT_POSITION_X, 500), ev(EV_ABS, Codes.ABS_MT_POSITION_Y, 250),
                ev(EV_ABS, Codes.ABS_MT_PRESSURE, Touchscreen.PRESSURE_MAX),
                ev(EV_ABS, Codes.ABS_X, 500), ev(EV_ABS, Codes.ABS_Y, 250), ev(EV_KEY, Codes.BTN_TOUCH, 1), SYN),
                written());
        screen.accept(touch(TouchAction.DOWN, 9, 0f, 1f, 0f));
        assertEquals(List.of(ev(EV_ABS, Codes.ABS_MT_SLOT, 1), ev(EV_ABS, Codes.ABS_MT_TRACKING_ID, 1),
                ev(EV_ABS, Codes.ABS_MT_POSITION_X, 0), ev(EV_ABS, Codes.ABS_MT_POSITION_Y, 500),
                ev(EV_ABS, Codes.ABS_MT_PRESSURE, Touchscreen.PRESSURE_MAX / 2),
                ev(EV_ABS, Codes.ABS_X, 500), ev(EV_ABS, Codes.ABS_Y, 250), SYN), written());
        screen.accept(touch(TouchAction.UP, 77, 0, 0, 0));
        assertEquals(List.of(ev(EV_ABS, Codes.ABS_MT_SLOT, 0), ev(EV_ABS, Codes.ABS_MT_TRACKING_ID, -1),
                ev(EV_ABS, Codes.ABS_X, 0), ev(EV_ABS, Codes.ABS_Y, 500), SYN), written());
        screen.accept(touch(TouchAction.MOVE, 9, 0.1f, 1f, 0.5f));
        assertEquals(List.of(ev(EV_ABS, Codes.ABS_MT_SLOT, 1), ev(EV_ABS, Codes.ABS_MT_POSITION_X, 100),
                ev(EV_ABS, Codes.ABS_MT_POSITION_Y, 500), ev(EV_ABS, Codes.ABS_MT_PRESSURE, 512),
                ev(EV_ABS, Codes.ABS_X, 100), ev(EV_ABS, Codes.ABS_Y, 500), SYN), written());
        screen.accept(touch(TouchAction.DOWN, 5, 0f, 0f, 1f));
        written();
        screen.accept(new Touch(S, TouchAction.CANCEL_ALL, 0, 0, 0, 0, 0, 0, Touch.UNKNOWN_ROTATION));
        assertEquals(List.of(ev(EV_ABS, Codes.ABS_MT_SLOT, 0), ev(EV_ABS, Codes.ABS_MT_TRACKING_ID, -1),
                ev(EV_ABS, Codes.ABS_MT_SLOT, 1), ev(EV_ABS, Codes.ABS_MT_TRACKING_ID, -1),
                ev(EV_KEY, Codes.BTN_TOUCH, 0), SYN), written());
        screen.accept(touch(TouchAction.UP, 5, 0, 0, 0));
        screen.accept(touch(TouchAction.HOVER, 5, 0, 0, 0));
        assertEquals(List.of(), written(), "an up after cancel, and hover, mean nothing to a touchscreen");
    }

    @Test
    void anEleventhFingerIsDropped() throws IOException {
        Touchscreen screen = new Touchscreen(device(Touchscreen.spec("c", 100, 100)));
        for (int finger = 0; finger < Touchscreen.SLOTS; finger++) {
            assertTrue(screen.accept(touch(TouchAction.DOWN, finger, 0, 0, 1)));
        }
        written();
        assertFalse(screen.accept(touch(TouchAction.DOWN, 99, 0, 0, 1)));
        assertEquals(List.of(), written());
    }

    private static Pen pen(TouchAction action, PenTool tool, int buttons, float pressure, int tilt, int rotation) {
        return new Pen(S, action, tool, buttons, 0.5f, 0.25f, pressure, 0, 0, rotation, tilt);
    }

    @Test
    void aPenEntersTouchesLiftsAndLeaves() throws IOException {
        PenTablet tablet = new PenTablet(device(PenTablet.spec("c", 201, 101)));
        tablet.accept(pen(TouchAction.HOVER, PenTool.PEN, 0, 0.5f, Pen.UNKNOWN_TILT, Pen.UNKNOWN_ROTATION));
        assertEquals(List.of(ev(EV_KEY, Codes.BTN_TOOL_PEN, 1), ev(EV_ABS, Codes.ABS_X, 100),
                ev(EV_ABS, Codes.ABS_Y, 25), ev(EV_ABS, Codes.ABS_TILT_X, 0), ev(EV_ABS, Codes.ABS_TILT_Y, 0),
                ev(EV_ABS, Codes.ABS_DISTANCE, 512), ev(EV_ABS, Codes.ABS_PRESSURE, 0), SYN), written());
        tablet.accept(pen(TouchAction.DOWN, PenTool.PEN, PenButton.PRIMARY.flag(), 1f, 45, 90));
        assertEquals(List.of(ev(EV_ABS, Codes.ABS_X, 100), ev(EV_ABS, Codes.ABS_Y, 25),
                ev(EV_ABS, Codes.ABS_TILT_X, 45), ev(EV_ABS, Codes.ABS_TILT_Y, 0),
                ev(EV_ABS, Codes.ABS_DISTANCE, 0), ev(EV_ABS, Codes.ABS_PRESSURE, PenTablet.PRESSURE_MAX),
                ev(EV_KEY, Codes.BTN_TOUCH, 1), ev(EV_KEY, Codes.BTN_STYLUS, 1), SYN), written());
        tablet.accept(pen(TouchAction.UP, PenTool.PEN, 0, 0, 0, 0));
        assertEquals(List.of(ev(EV_ABS, Codes.ABS_X, 100), ev(EV_ABS, Codes.ABS_Y, 25),
                ev(EV_ABS, Codes.ABS_TILT_X, 0), ev(EV_ABS, Codes.ABS_TILT_Y, 0),
                ev(EV_ABS, Codes.ABS_PRESSURE, 0), ev(EV_KEY, Codes.BTN_TOUCH, 0), ev(EV_KEY, Codes.BTN_STYLUS, 0),
                SYN), written());
        tablet.accept(pen(TouchAction.HOVER_LEAVE, PenTool.PEN, 0, 0, 0, 0));
        assertEquals(List.of(ev(EV_ABS, Codes.ABS_PRESSURE, 0), ev(EV_KEY, Codes.BTN_TOOL_PEN, 0), SYN), written());
    }

    @Test
    void switchingToTheEraserTakesThePenOutOfProximityFirst() throws IOException {
        PenTablet tablet = new PenTablet(device(PenTablet.spec("c", 100, 100)));
        tablet.accept(pen(TouchAction.DOWN, PenTool.PEN, 0, 0f, Pen.UNKNOWN_TILT, 0));
        List<Event> down = written();
        assertTrue(down.contains(ev(EV_ABS, Codes.ABS_PRESSURE, PenTablet.PRESSURE_MAX / 2)),
                "unknown pressure still reads as a tip down: " + down);
        tablet.accept(pen(TouchAction.DOWN, PenTool.ERASER, 0, 1f, Pen.UNKNOWN_TILT, 0));
        List<Event> events = written();
        assertEquals(List.of(ev(EV_ABS, Codes.ABS_PRESSURE, 0), ev(EV_KEY, Codes.BTN_TOUCH, 0),
                ev(EV_KEY, Codes.BTN_TOOL_PEN, 0), SYN, ev(EV_KEY, Codes.BTN_TOOL_RUBBER, 1)), events.subList(0, 5));
    }

    @Test
    void tiltIsTheLeanProjectedOnEachAxis() {
        assertEquals(List.of(0, -30), List.of(box(PenTablet.tilt(30, 0))), "leaning to the top");
        assertEquals(List.of(30, 0), List.of(box(PenTablet.tilt(30, 90))), "to the right");
        assertEquals(List.of(0, 30), List.of(box(PenTablet.tilt(30, 180))), "to the bottom");
        assertEquals(List.of(-60, 0), List.of(box(PenTablet.tilt(60, 270))), "to the left");
        assertEquals(List.of(0, 0), List.of(box(PenTablet.tilt(0, 45))), "upright");
    }

    private static Integer[] box(int[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
    }

    private static GamepadState pad(int buttons, int lt, int rt, int lx, int ly, int rx, int ry) {
        return new GamepadState(S, 1, 0b10, buttons, lt, rt, lx, ly, rx, ry);
    }

    @Test
    void padStatesSendWhatChangedAsAnXboxPad() throws IOException {
        Gamepad gamepad = new Gamepad(device(Gamepad.spec("c", 1)), 1);
        gamepad.apply(pad(GamepadButton.A.flag() | GamepadButton.X.flag() | GamepadButton.DPAD_UP.flag()
                | GamepadButton.DPAD_RIGHT.flag(), 255, 0, 32767, 32767, 0, -32768));
        List<Event> events = written();
        assertEquals(List.of(ev(EV_KEY, Codes.BTN_SOUTH, 1), ev(EV_KEY, Codes.BTN_NORTH, 1),
                ev(EV_ABS, Codes.ABS_X, 32767), ev(EV_ABS, Codes.ABS_Y, -32767), ev(EV_ABS, Codes.ABS_RY, 32767),
                ev(EV_ABS, Codes.ABS_Z, 255), ev(EV_ABS, Codes.ABS_HAT0X, 1), ev(EV_ABS, Codes.ABS_HAT0Y, -1), SYN),
                events);
        gamepad.apply(pad(GamepadButton.A.flag() | GamepadButton.X.flag() | GamepadButton.DPAD_UP.flag()
                | GamepadButton.DPAD_RIGHT.flag(), 255, 0, 32767, 32767, 0, -32768));
        assertEquals(List.of(), written(), "an unchanged state sends nothing");
        gamepad.apply(pad(GamepadButton.GUIDE.flag() | GamepadButton.DPAD_DOWN.flag(), 0, 0, 0, 0, 0, 0));
        assertEquals(List.of(ev(EV_KEY, Codes.BTN_MODE, 1), ev(EV_KEY, Codes.BTN_SOUTH, 0),
                ev(EV_KEY, Codes.BTN_NORTH, 0), ev(EV_ABS, Codes.ABS_X, 0), ev(EV_ABS, Codes.ABS_Y, 0),
                ev(EV_ABS, Codes.ABS_RY, 0), ev(EV_ABS, Codes.ABS_Z, 0), ev(EV_ABS, Codes.ABS_HAT0X, 0),
                ev(EV_ABS, Codes.ABS_HAT0Y, 1), SYN), written());
    }

    @Test
    void everyFaceAndShoulderButtonHasTheXpadCode() {
        assertEquals(Codes.BTN_SOUTH, Gamepad.BUTTON_CODES.get(GamepadButton.A));
        assertEquals(Codes.BTN_EAST, Gamepad.BUTTON_CODES.get(GamepadButton.B));
        assertEquals(0x133, Gamepad.BUTTON_CODES.get(GamepadButton.X), "BTN_X");
        assertEquals(0x134, Gamepad.BUTTON_CODES.get(GamepadButton.Y), "BTN_Y");
        assertEquals(Codes.BTN_TL, Gamepad.BUTTON_CODES.get(GamepadButton.LEFT_SHOULDER));
        assertEquals(Codes.BTN_SELECT, Gamepad.BUTTON_CODES.get(GamepadButton.BACK));
        assertEquals(Codes.BTN_THUMBR, Gamepad.BUTTON_CODES.get(GamepadButton.RIGHT_STICK));
        assertEquals(11, Gamepad.BUTTON_CODES.size());
        assertEquals(-32767, Gamepad.down(32767));
        assertEquals(32767, Gamepad.down(-32768));
    }
}
