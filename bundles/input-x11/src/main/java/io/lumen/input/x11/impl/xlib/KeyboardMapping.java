package io.lumen.input.x11.impl.xlib;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's core keyboard mapping as XGetKeyboardMapping returns it: for each keycode from {@code minKeycode}, a
 * row of {@code perKeycode} keysyms. Under XKB the first two of a row are the first group's unshifted and shifted
 * symbols; the rest (other groups, AltGr levels) are not used here.
 */
public final class KeyboardMapping {

    /** NoSymbol: the slot is empty. */
    public static final long NO_SYMBOL = 0;

    private final int minKeycode;
    private final int perKeycode;
    private final long[] keysyms;

    public KeyboardMapping(int minKeycode, int perKeycode, long[] keysyms) {
        if (perKeycode < 1 || keysyms.length % perKeycode != 0) {
            throw new IllegalArgumentException(keysyms.length + " keysyms in rows of " + perKeycode);
        }
        this.minKeycode = minKeycode;
        this.perKeycode = perKeycode;
        this.keysyms = keysyms.clone();
    }

    public int minKeycode() {
        return minKeycode;
    }

    /** How many keysyms each keycode's row holds. */
    public int perKeycode() {
        return perKeycode;
    }

    public int maxKeycode() {
        return minKeycode + keysyms.length / perKeycode - 1;
    }

    /** The keysym at {@code index} of {@code keycode}'s row; NoSymbol outside the mapping. */
    public long keysym(int keycode, int index) {
        if (keycode < minKeycode || keycode > maxKeycode() || index < 0 || index >= perKeycode) {
            return NO_SYMBOL;
        }
        return keysyms[(keycode - minKeycode) * perKeycode + index];
    }

    /** Whether no keysym at all is bound to {@code keycode}: a key nothing would miss while it is borrowed. */
    public boolean isEmpty(int keycode) {
        for (int index = 0; index < perKeycode; index++) {
            if (keysym(keycode, index) != NO_SYMBOL) {
                return false;
            }
        }
        return true;
    }

    /** The empty keycodes, highest first (the top of the range is the least likely to be on a real keyboard). */
    public List<Integer> emptyKeycodes() {
        List<Integer> empty = new ArrayList<>();
        for (int keycode = maxKeycode(); keycode >= minKeycode; keycode--) {
            if (isEmpty(keycode)) {
                empty.add(keycode);
            }
        }
        return empty;
    }

    /**
     * Where a key types {@code keysym} in the first group: unshifted on the lowest keycode that has it so, else
     * shifted on the lowest keycode that has it so.
     */
    public Optional<Placement> find(long keysym) {
        for (int level = 0; level < Math.min(2, perKeycode); level++) {
            for (int keycode = minKeycode; keycode <= maxKeycode(); keycode++) {
                if (keysym(keycode, level) == keysym) {
                    return Optional.of(new Placement(keycode, level == 1));
                }
            }
        }
        return Optional.empty();
    }

    /** A key that types a keysym, and whether Shift must be down for it. */
    public record Placement(int keycode, boolean shifted) {
    }
}
