package io.lumen.api.input;

/** What a client's pad can do; {@link #flag()} is its bit in {@link GamepadArrival#capabilities()}. */
public enum GamepadCapability {
    /** Triggers report 0..255; without it they are on/off. */
    ANALOG_TRIGGERS(0x001),
    RUMBLE(0x002),
    TRIGGER_RUMBLE(0x004),
    /** Sends {@link GamepadTouchpad} events for touchpad 0. */
    TOUCHPAD(0x008),
    ACCELEROMETER(0x010),
    GYROSCOPE(0x020),
    /** Sends {@link GamepadBattery} events. */
    BATTERY_STATE(0x040),
    RGB_LED(0x080),
    /** Sends {@link GamepadTouchpad} events for touchpads 0 and 1. */
    DUAL_TOUCHPAD(0x100);

    private final int flag;

    GamepadCapability(int flag) {
        this.flag = flag;
    }

    public int flag() {
        return flag;
    }
}
