package io.lumen.capture.pipewire.impl.ffm;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a remote is named in log lines and errors: an operator must be able to tell which socket was tried. */
class PwRemoteTest {

    @Test
    void theSessionDefaultNamesTheSocketLibpipewireTries() {
        String named = PwRemote.sessionDefault().toString();
        String remote = System.getenv("PIPEWIRE_REMOTE");
        String dir = System.getenv("PIPEWIRE_RUNTIME_DIR") != null ? System.getenv("PIPEWIRE_RUNTIME_DIR")
                : System.getenv("XDG_RUNTIME_DIR");
        String name = remote == null || remote.isEmpty() ? "pipewire-0" : remote;
        if (name.startsWith("/")) {
            assertEquals("the session's PipeWire (" + name + ")", named);
        } else if (dir != null && !dir.isEmpty()) {
            assertEquals("the session's PipeWire (" + Path.of(dir, name) + ")", named);
        } else {
            assertEquals("the session's PipeWire (" + name
                    + " in the runtime dir, but XDG_RUNTIME_DIR is unset: set lumen.pipewire.remote)", named);
        }
    }

    @Test
    void aSocketIsNamedByItsPathAndARelativeOneIsRefused() {
        assertEquals("/run/lumen/pipewire-0", PwRemote.socket(Path.of("/run/lumen/pipewire-0")).toString());
        assertEquals("fd 9", PwRemote.fd(9).toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PwRemote("pipewire-0", -1)).getMessage()
                .contains("absolute path"));
    }
}
