package io.lumen.input.kwin.impl;

import io.lumen.wayland.WaylandInterface;

/**
 * KWin's {@code org_kde_kwin_fake_input}, as plasma-wayland-protocols' fake-input.xml describes it: requests only,
 * in the XML's order (their opcodes), with the version each appeared in. Version 4 (KWin 5.27's) is the newest
 * described: version 5's keymap and keysym requests are not used.
 */
final class FakeInput {

    static final String INTERFACE = "org_kde_kwin_fake_input";
    static final int VERSION = 4;

    static final int AUTHENTICATE = 0;
    static final int POINTER_MOTION = 1;
    static final int BUTTON = 2;
    static final int AXIS = 3;
    static final int TOUCH_DOWN = 4;
    static final int TOUCH_MOTION = 5;
    static final int TOUCH_UP = 6;
    static final int TOUCH_CANCEL = 7;
    static final int TOUCH_FRAME = 8;
    static final int POINTER_MOTION_ABSOLUTE = 9;
    static final int KEYBOARD_KEY = 10;

    static final int TOUCH_SINCE = 2;
    static final int ABSOLUTE_SINCE = 3;
    static final int KEYBOARD_SINCE = 4;

    /** wl_pointer's and wl_keyboard's states, which fake input's button and keyboard_key take. */
    static final int RELEASED = 0;
    static final int PRESSED = 1;

    static final WaylandInterface DESCRIBED = WaylandInterface.named(INTERFACE, VERSION)
            .request("authenticate", "ss")
            .request("pointer_motion", "ff")
            .request("button", "uu")
            .request("axis", "uf")
            .request("touch_down", "2uff")
            .request("touch_motion", "2uff")
            .request("touch_up", "2u")
            .request("touch_cancel", "2")
            .request("touch_frame", "2")
            .request("pointer_motion_absolute", "3ff")
            .request("keyboard_key", "4uu")
            .build();

    private FakeInput() {
    }
}
