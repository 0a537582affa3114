package io.lumen.testkit.x11;

/**
 * An input event as an X client selecting XInput 2 events on the root window receives it, from the master device
 * (the virtual core pointer or keyboard): what every application sees, after the server's processing.
 */
public sealed interface XiEvent {

    /** @param keycode the X keycode (the Linux key code plus 8 under the evdev keymap) */
    record Key(boolean pressed, int keycode) implements XiEvent {
    }

    /** @param button the X button: 1 left, 2 middle, 3 right, 4-7 wheel up, down, left, right, 8 back, 9 forward */
    record Button(boolean pressed, int button, double rootX, double rootY) implements XiEvent {
    }

    /** The pointer moved to ({@code rootX}, {@code rootY}) of the screen. */
    record Motion(double rootX, double rootY) implements XiEvent {
    }

    /**
     * What the device sent before the server's processing (RawKeyPress, RawButtonRelease, RawMotion...), reported
     * even when no window would get the event.
     *
     * @param type   the XI2 event name, e.g. "RawKeyPress"
     * @param detail the keycode or button; 0 for motion
     */
    record Raw(String type, int detail) implements XiEvent {
    }
}
