package io.lumen.api.input;

/**
 * The one table from the key codes Moonlight clients send ({@link KeyChange#virtualKey()}, Windows virtual-key
 * codes naming a position on a US layout) to Linux input event codes ({@code KEY_*} of
 * {@code linux/input-event-codes.h}), which every injector speaks: uinput directly, X servers as the code plus 8,
 * compositors' keycode APIs as evdev codes. Since 2.0.
 */
public final class KeyCodes {

    /** {@code KEY_RESERVED}: no key. */
    public static final int NONE = 0;

    private KeyCodes() {
    }

    /** The Linux key code at {@code virtualKey}'s position, or {@link #NONE} for a code no key carries. */
    public static int linux(int virtualKey) {
        return virtualKey >= 0 && virtualKey < TABLE.length ? TABLE[virtualKey] : NONE;
    }

    private static final short[] TABLE = new short[256];
}
