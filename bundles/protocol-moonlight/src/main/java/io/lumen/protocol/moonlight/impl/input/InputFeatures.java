package io.lumen.protocol.moonlight.impl.input;

import io.lumen.api.input.InputKind;

import java.util.Set;

/**
 * The input features a host offers in DESCRIBE ({@code x-ss-general.featureFlags}, moonlight-common-c's
 * LI_FF_*): a client sends native touch and pen events, or its pads' touchpad, only to a host that offers them, and
 * otherwise turns touch into mouse events itself. So they are offered only where they reach the host.
 */
public final class InputFeatures {

    /** LI_FF_PEN_TOUCH_EVENTS. */
    public static final int PEN_TOUCH = 0x01;
    /** LI_FF_CONTROLLER_TOUCH_EVENTS. */
    public static final int CONTROLLER_TOUCH = 0x02;

    private InputFeatures() {
    }

    /** The flags for a session whose input backend injects {@code kinds}. */
    public static int flags(Set<InputKind> kinds) {
        // one flag stands for both: a client told "yes" sends its stylus as pen events, which must not vanish
        int flags = kinds.contains(InputKind.TOUCH) && kinds.contains(InputKind.PEN) ? PEN_TOUCH : 0;
        return kinds.contains(InputKind.GAMEPAD_TOUCHPAD) ? flags | CONTROLLER_TOUCH : flags;
    }
}
