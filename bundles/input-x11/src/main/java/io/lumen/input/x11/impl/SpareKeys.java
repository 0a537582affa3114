package io.lumen.input.x11.impl;

import io.lumen.input.x11.impl.xlib.KeyboardMapping;
import io.lumen.input.x11.impl.xlib.XException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Keycodes with no keysyms in the server's mapping, borrowed to type characters no key carries. A borrowed key keeps
 * its character for {@link #HOLD} after its last use before it is emptied again: each client fetches a changed
 * mapping only when it gets round to the MappingNotify, and one that does so after the key was emptied would look
 * the key press up as nothing (xev shows exactly that for a key emptied right after its release). For the same
 * reason consecutive characters go to different keys, the least recently used first, rather than remapping one key
 * under a client that has not yet read its last press.
 * <p>
 * The spares are found once, at the first character that needs one. Every use checks them against the mapping just
 * read: a spare something else has bound since is left alone, and one this session no longer holds is not emptied.
 */
final class SpareKeys {

    /** How long a borrowed key keeps its character after its last press. */
    static final Duration HOLD = Duration.ofMillis(300);
    /** The most spares one session borrows, so that other clients (xdotool, another session) find some too. */
    static final int MOST = 8;

    private final Keymap keymap;
    private final List<Spare> spares = new ArrayList<>();
    private boolean searched;

    SpareKeys(Keymap keymap) {
        this.keymap = keymap;
    }

    /**
     * A keycode that types {@code keysym} (unshifted and shifted) from now on: a spare that already does, else the
     * free spare unused for longest, bound to it. Empty when the server has no empty keycode at all.
     */
    OptionalInt borrow(long keysym, KeyboardMapping mapping, long now) throws XException {
        if (!searched) {
            searched = true;
            mapping.emptyKeycodes().stream().limit(MOST).map(Spare::new).forEach(spares::add);
        }
        Spare chosen = null;
        for (Spare spare : spares) {
            long bound = mapping.keysym(spare.keycode, 0);
            if (spare.keysym != KeyboardMapping.NO_SYMBOL && bound != spare.keysym) {
                spare.keysym = KeyboardMapping.NO_SYMBOL; // someone else remapped it
            }
            if (spare.keysym == keysym) {
                spare.lastUsed = now;
                return OptionalInt.of(spare.keycode);
            }
            boolean usable = spare.keysym != KeyboardMapping.NO_SYMBOL || mapping.isEmpty(spare.keycode);
            if (usable && (chosen == null || spare.lastUsed - chosen.lastUsed < 0)) {
                chosen = spare;
            }
        }
        if (chosen == null) {
            return OptionalInt.empty();
        }
        keymap.remap(chosen.keycode, keysym, keysym);
        chosen.keysym = keysym;
        chosen.lastUsed = now;
        return OptionalInt.of(chosen.keycode);
    }

    /** The keycodes found at the first borrow, highest first; empty before. */
    List<Integer> keycodes() {
        return spares.stream().map(spare -> spare.keycode).toList();
    }

    /**
     * Empties the borrowed keys unused for {@link #HOLD} (all of them when {@code all}) that still carry what this
     * session bound to them.
     *
     * @return nanoseconds until the next borrowed key is due, or -1 when none is borrowed any more
     */
    long restore(long now, boolean all) throws XException {
        KeyboardMapping mapping = null;
        long next = -1;
        for (Spare spare : spares) {
            if (spare.keysym == KeyboardMapping.NO_SYMBOL) {
                continue;
            }
            long due = spare.lastUsed + HOLD.toNanos() - now;
            if (!all && due > 0) {
                next = next < 0 ? due : Math.min(next, due);
                continue;
            }
            if (mapping == null) {
                mapping = keymap.current();
            }
            if (mapping.keysym(spare.keycode, 0) == spare.keysym) {
                keymap.remap(spare.keycode);
            }
            spare.keysym = KeyboardMapping.NO_SYMBOL;
        }
        return next;
    }

    /** How many borrowed keys still carry a character. */
    int borrowed() {
        return (int) spares.stream().filter(spare -> spare.keysym != KeyboardMapping.NO_SYMBOL).count();
    }

    private static final class Spare {
        final int keycode;
        long keysym = KeyboardMapping.NO_SYMBOL;
        long lastUsed = Long.MIN_VALUE / 2;

        Spare(int keycode) {
            this.keycode = keycode;
        }
    }
}
