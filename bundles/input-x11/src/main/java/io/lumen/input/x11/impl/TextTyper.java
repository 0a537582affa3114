package io.lumen.input.x11.impl;

import io.lumen.input.x11.impl.xlib.KeyboardMapping;
import io.lumen.input.x11.impl.xlib.XConnection;
import io.lumen.input.x11.impl.xlib.XConnection.KeyboardState;
import io.lumen.input.x11.impl.xlib.XException;
import io.lumen.log.WarnOnce;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Types text whatever the server's keymap is, one character at a time. A character a key of the first group types
 * unshifted is typed with that key; one it types shifted, with Shift_L around it; Caps Lock is switched off around
 * a letter. Anything else (a character no key carries, another group active, AltGr on, Shift held for a character
 * that needs none, anything but a letter under Caps Lock) goes through a spare keycode bound to the character for
 * the moment ({@link SpareKeys}), which types it whatever Shift does. Each character costs a round trip (the keyboard state now), more when the keymap changed or a spare is
 * bound; text arrives at typing speed, where that is nothing.
 */
final class TextTyper {

    private static final System.Logger LOG = System.getLogger("lumen.input.x11");

    private final String sessionId;
    private final XConnection connection;
    private final Keymap keymap;
    private final WarnOnce warnings;
    private final LongSupplier nanoClock;
    private final SpareKeys spares;
    private boolean sparesAnnounced;

    TextTyper(String sessionId, XConnection connection, Keymap keymap, WarnOnce warnings, LongSupplier nanoClock) {
        this.sessionId = sessionId;
        this.connection = connection;
        this.keymap = keymap;
        this.warnings = warnings;
        this.nanoClock = nanoClock;
        this.spares = new SpareKeys(keymap);
    }

    /** Types every character of {@code text}; returns whether a spare keycode was bound on the way. */
    boolean type(String text) throws XException {
        boolean borrowed = false;
        for (int codePoint : text.codePoints().toArray()) {
            borrowed |= typeOne(codePoint);
        }
        return borrowed;
    }

    private boolean typeOne(int codePoint) throws XException {
        long keysym = Keysyms.of(codePoint);
        if (keysym == Keysyms.NONE) {
            warnings.warn(String.format("text U+%04X", codePoint), String.format(
                    "text character U+%04X is a control character no key types; it is dropped", codePoint));
            return false;
        }
        // the state's round trip brings in any keymap change announced before it
        KeyboardState state = connection.keyboardState();
        KeyboardMapping mapping = keymap.current();
        // Caps Lock would make a letter the other case whatever key types it (the client converts it itself when
        // the key does not), so it is switched off for the letter and back on after
        int capsLock = state.has(KeyboardState.LOCK) && hasCase(codePoint) ? unshiftedKey(mapping, Keysyms.CAPS_LOCK)
                : 0;
        if (capsLock == 0) {
            return press(codePoint, keysym, state, mapping);
        }
        tap(capsLock);
        try {
            return press(codePoint, keysym, state.without(KeyboardState.LOCK), mapping);
        } finally {
            tap(capsLock);
        }
    }

    private boolean press(int codePoint, long keysym, KeyboardState state, KeyboardMapping mapping)
            throws XException {
        Optional<KeyboardMapping.Placement> placement = firstGroupOnly(state, codePoint) ? mapping.find(keysym)
                : Optional.empty();
        if (placement.isPresent()) {
            int keycode = placement.get().keycode();
            boolean shiftNeeded = placement.get().shifted();
            if (shiftNeeded == state.has(KeyboardState.SHIFT)) {
                tap(keycode);
                return false;
            }
            int shift = unshiftedKey(mapping, Keysyms.SHIFT_L);
            if (shiftNeeded && shift != 0) {
                connection.key(shift, true);
                tap(keycode);
                connection.key(shift, false);
                return false;
            }
        }
        OptionalInt spare = spares.borrow(keysym, mapping, nanoClock.getAsLong());
        if (!sparesAnnounced) {
            sparesAnnounced = true;
            logSpares(spares.keycodes());
        }
        if (spare.isEmpty()) {
            warnings.warn("no spare keycode", String.format("text character U+%04X is on no key and the X server "
                    + "on %s has no empty keycode to bind it to; it is dropped", codePoint, connection.name()));
            return false;
        }
        tap(spare.getAsInt());
        return true;
    }

    /**
     * The unshifted and shifted symbols of the first group are the only ones a plain key press is sure to type:
     * another group or AltGr picks other symbols, and Caps Lock still on means a letter's case could not be
     * protected (it leaves digits and signs alone: those need no spare keycode, whose binding a slow client may
     * miss).
     */
    private static boolean firstGroupOnly(KeyboardState state, int codePoint) {
        return state.group() == 0 && !(state.has(KeyboardState.LOCK) && hasCase(codePoint))
                && !state.has(KeyboardState.MOD5);
    }

    private static boolean hasCase(int codePoint) {
        return Character.toUpperCase(codePoint) != codePoint || Character.toLowerCase(codePoint) != codePoint;
    }

    /** The keycode with {@code keysym} unshifted, 0 for none. */
    private static int unshiftedKey(KeyboardMapping mapping, long keysym) {
        return mapping.find(keysym).filter(p -> !p.shifted()).map(KeyboardMapping.Placement::keycode).orElse(0);
    }

    private void tap(int keycode) throws XException {
        connection.key(keycode, true);
        connection.key(keycode, false);
    }

    private void logSpares(List<Integer> keycodes) {
        LOG.log(System.Logger.Level.INFO, "X11 input of session " + sessionId + " types characters no key carries"
                + " on " + (keycodes.isEmpty() ? "no keycode (the server has no empty one)"
                : "the empty keycodes " + keycodes));
    }

    /**
     * Empties the spares idle for {@link SpareKeys#HOLD}, or all of them.
     *
     * @return nanoseconds until the next one is due, -1 when none is bound
     */
    long restoreSpares(boolean all) throws XException {
        return spares.restore(nanoClock.getAsLong(), all);
    }

    /** How many spare keycodes carry a character now. */
    int borrowed() {
        return spares.borrowed();
    }
}
