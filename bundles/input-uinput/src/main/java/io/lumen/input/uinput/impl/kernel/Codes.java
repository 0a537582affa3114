package io.lumen.input.uinput.impl.kernel;

/**
 * The event types and codes of linux/input-event-codes.h and linux/input.h that lumen's virtual devices use.
 * They are kernel ABI: numbers never change once released.
 */
public final class Codes {

    private Codes() {
    }

    public static final int EV_SYN = 0x00;
    public static final int EV_KEY = 0x01;
    public static final int EV_REL = 0x02;
    public static final int EV_ABS = 0x03;
    public static final int EV_FF = 0x15;
    /** linux/uinput.h: what a uinput fd reports when a program uploads or erases a force-feedback effect. */
    public static final int EV_UINPUT = 0x0101;
    public static final int UI_FF_UPLOAD = 1;
    public static final int UI_FF_ERASE = 2;

    public static final int SYN_REPORT = 0;
    public static final int SYN_DROPPED = 3;

    public static final int INPUT_PROP_DIRECT = 0x01;

    public static final int BUS_USB = 0x03;
    public static final int BUS_VIRTUAL = 0x06;

    /** The first and last KEY_* of a full keyboard (KEY_ESC .. KEY_MICMUTE); 0 is KEY_RESERVED. */
    public static final int KEY_FIRST = 1;
    public static final int KEY_LAST = 248;
    public static final int KEY_MAX = 0x2ff;

    public static final int BTN_LEFT = 0x110;
    public static final int BTN_RIGHT = 0x111;
    public static final int BTN_MIDDLE = 0x112;
    public static final int BTN_SIDE = 0x113;
    public static final int BTN_EXTRA = 0x114;

    /** A pad's bottom face button; BTN_A in the kernel's older name. */
    public static final int BTN_SOUTH = 0x130;
    public static final int BTN_EAST = 0x131;
    /** BTN_X: what the kernel's Xbox driver reports for the left face button (X), despite the name. */
    public static final int BTN_NORTH = 0x133;
    /** BTN_Y: the Xbox driver's top face button (Y). */
    public static final int BTN_WEST = 0x134;
    public static final int BTN_TL = 0x136;
    public static final int BTN_TR = 0x137;
    public static final int BTN_SELECT = 0x13a;
    public static final int BTN_START = 0x13b;
    public static final int BTN_MODE = 0x13c;
    public static final int BTN_THUMBL = 0x13d;
    public static final int BTN_THUMBR = 0x13e;

    public static final int BTN_TOOL_PEN = 0x140;
    public static final int BTN_TOOL_RUBBER = 0x141;
    public static final int BTN_STYLUS3 = 0x149;
    public static final int BTN_TOUCH = 0x14a;
    public static final int BTN_STYLUS = 0x14b;
    public static final int BTN_STYLUS2 = 0x14c;

    public static final int REL_X = 0x00;
    public static final int REL_Y = 0x01;
    public static final int REL_HWHEEL = 0x06;
    public static final int REL_WHEEL = 0x08;
    public static final int REL_WHEEL_HI_RES = 0x0b;
    public static final int REL_HWHEEL_HI_RES = 0x0c;

    public static final int ABS_X = 0x00;
    public static final int ABS_Y = 0x01;
    public static final int ABS_Z = 0x02;
    public static final int ABS_RX = 0x03;
    public static final int ABS_RY = 0x04;
    public static final int ABS_RZ = 0x05;
    public static final int ABS_HAT0X = 0x10;
    public static final int ABS_HAT0Y = 0x11;
    public static final int ABS_PRESSURE = 0x18;
    public static final int ABS_DISTANCE = 0x19;
    public static final int ABS_TILT_X = 0x1a;
    public static final int ABS_TILT_Y = 0x1b;
    public static final int ABS_MT_SLOT = 0x2f;
    public static final int ABS_MT_POSITION_X = 0x35;
    public static final int ABS_MT_POSITION_Y = 0x36;
    public static final int ABS_MT_TRACKING_ID = 0x39;
    public static final int ABS_MT_PRESSURE = 0x3a;

    public static final int FF_RUMBLE = 0x50;
}
