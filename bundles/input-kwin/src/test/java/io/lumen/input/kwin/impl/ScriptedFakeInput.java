package io.lumen.input.kwin.impl;

import io.lumen.testkit.wayland.ScriptedCompositor;
import io.lumen.testkit.wayland.WireMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * KWin's fake input on the scripted compositor: each request it receives becomes a line of its name and its raw
 * wire arguments (a fixed as its 24.8 bits), so a test reads exactly what went over the socket.
 */
final class ScriptedFakeInput {

    private static final String[] REQUESTS = {"authenticate", "pointer_motion", "button", "axis", "touch_down",
            "touch_motion", "touch_up", "touch_cancel", "touch_frame", "pointer_motion_absolute", "keyboard_key"};
    /** How many uint/fixed arguments each request has; authenticate has two strings. */
    private static final int[] INTS = {0, 2, 2, 2, 3, 3, 1, 0, 0, 2, 2};

    static final ScriptedCompositor.Output LEFT = new ScriptedCompositor.Output("Left-1", 0, 0, 1920, 1080);
    static final ScriptedCompositor.Output RIGHT = new ScriptedCompositor.Output("Right-1", 1920, 0, 1280, 1024);

    private ScriptedFakeInput() {
    }

    /** @param fakeInputVersion 0: not advertised; {@code kde}: other KDE globals advertised, as any KWin does */
    static ScriptedCompositor start(Path dir, int fakeInputVersion, boolean kde) throws IOException {
        List<ScriptedCompositor.Global> globals = new ArrayList<>();
        if (kde) {
            globals.add(new ScriptedCompositor.Global(3, "org_kde_kwin_idle", 1));
        }
        if (fakeInputVersion > 0) {
            globals.add(new ScriptedCompositor.Global(4, FakeInput.INTERFACE, fakeInputVersion));
        }
        ScriptedCompositor[] compositor = new ScriptedCompositor[1];
        compositor[0] = new ScriptedCompositor(dir, List.of(LEFT, RIGHT), globals, (client, object, iface, opcode, args)
                -> record(compositor[0], iface, opcode, args));
        return compositor[0];
    }

    private static boolean record(ScriptedCompositor compositor, String iface, int opcode, WireMessage.Reader args) {
        if (!iface.equals(FakeInput.INTERFACE) || opcode >= REQUESTS.length) {
            return false;
        }
        StringBuilder line = new StringBuilder(REQUESTS[opcode]);
        if (opcode == FakeInput.AUTHENTICATE) {
            line.append(' ').append(args.s()).append(" | ").append(args.s());
        }
        for (int i = 0; i < INTS[opcode]; i++) {
            line.append(' ').append(args.u());
        }
        compositor.requests.add(line.toString());
        return true;
    }
}
