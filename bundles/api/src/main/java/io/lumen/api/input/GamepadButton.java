package io.lumen.api.input;

/**
 * Pad buttons; {@link #flag()} is their bit in {@link GamepadState#buttons()}. The face buttons are named by
 * their Xbox position: {@link #A} is the bottom one (Cross on PlayStation), {@link #Y} the top one. The paddles,
 * {@link #TOUCHPAD} (the click of a PlayStation touchpad) and {@link #MISC} (Share, Capture, Mute) come only from
 * clients that know the host accepts them.
 */
public enum GamepadButton {
    DPAD_UP(0x0001), DPAD_DOWN(0x0002), DPAD_LEFT(0x0004), DPAD_RIGHT(0x0008),
    START(0x0010), BACK(0x0020), LEFT_STICK(0x0040), RIGHT_STICK(0x0080),
    LEFT_SHOULDER(0x0100), RIGHT_SHOULDER(0x0200), GUIDE(0x0400),
    A(0x1000), B(0x2000), X(0x4000), Y(0x8000),
    PADDLE1(0x01_0000), PADDLE2(0x02_0000), PADDLE3(0x04_0000), PADDLE4(0x08_0000),
    TOUCHPAD(0x10_0000), MISC(0x20_0000);

    private final int flag;

    GamepadButton(int flag) {
        this.flag = flag;
    }

    public int flag() {
        return flag;
    }
}
