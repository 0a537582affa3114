package io.lumen.api.input;


/** The kinds of input event, as diagnostics count and name them and backends say which they inject. Since 2.0. */
public enum InputKind {
    KEY("key"), MOUSE_MOVE("mouse move"), MOUSE_POSITION("mouse position"), MOUSE_BUTTON("mouse button"),
    SCROLL("scroll"), TEXT("text"), GAMEPAD("gamepad"), GAMEPAD_ARRIVAL("gamepad arrival"),
    GAMEPAD_TOUCHPAD("gamepad touchpad"), GAMEPAD_MOTION("gamepad motion"), GAMEPAD_BATTERY("gamepad battery"),
    TOUCH("touch"), PEN("pen"), HAPTICS("haptics request");

    private final String label;

    InputKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static InputKind of(InputEvent event) {
        return switch (event) {
            case KeyChange e -> KEY;
            case MouseMove e -> MOUSE_MOVE;
            case MousePosition e -> MOUSE_POSITION;
            case MouseButtonChange e -> MOUSE_BUTTON;
            case Scroll e -> SCROLL;
            case TextInput e -> TEXT;
            case GamepadState e -> GAMEPAD;
            case GamepadArrival e -> GAMEPAD_ARRIVAL;
            case GamepadTouchpad e -> GAMEPAD_TOUCHPAD;
            case GamepadMotion e -> GAMEPAD_MOTION;
            case GamepadBattery e -> GAMEPAD_BATTERY;
            case Touch e -> TOUCH;
            case Pen e -> PEN;
            case HapticsRequest e -> HAPTICS;
        };
    }
}
