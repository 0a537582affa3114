package io.lumen.input.x11.impl;

import io.lumen.input.x11.impl.xlib.KeyboardMapping;
import io.lumen.input.x11.impl.xlib.XConnection;
import io.lumen.input.x11.impl.xlib.XException;

/**
 * A session's copy of the server's keyboard mapping, read again only after a change: one the server announced
 * (MappingNotify, picked up without waiting) or one this session made. Xlib's own copy (XKeysymToKeycode) is not
 * used: a connection that never reads its events would keep a stale one.
 */
final class Keymap {

    private final XConnection connection;
    private final int minKeycode;
    private final int maxKeycode;
    private KeyboardMapping current;

    Keymap(XConnection connection, int minKeycode, int maxKeycode) {
        this.connection = connection;
        this.minKeycode = minKeycode;
        this.maxKeycode = maxKeycode;
    }

    /** The mapping as the server has it, as far as any notice that arrived says (a round trip after a change). */
    KeyboardMapping current() throws XException {
        if (connection.mappingChanged() || current == null) {
            current = connection.keyboardMapping(minKeycode, maxKeycode);
        }
        return current;
    }

    /** Binds {@code keysyms} to {@code keycode} (nothing when none are given) and waits until the server has. */
    void remap(int keycode, long... keysyms) throws XException {
        current = null;
        connection.remap(keycode, keysyms);
    }
}
