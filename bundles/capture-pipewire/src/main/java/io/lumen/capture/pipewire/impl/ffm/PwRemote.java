package io.lumen.capture.pipewire.impl.ffm;

import java.nio.file.Path;

/**
 * Which daemon a connection talks to: the session's default, a socket named by absolute path (a private daemon,
 * or an operator's choice; sent as {@code remote.name}), or an fd a portal handed over.
 *
 * @param socket absolute socket path, or null
 * @param fd     a connected fd (ownership passes to libpipewire), or -1
 */
public record PwRemote(String socket, int fd) {

    public PwRemote {
        if (socket != null && !socket.startsWith("/")) {
            throw new IllegalArgumentException("a socket is named by absolute path, not " + socket);
        }
        if (socket != null && fd >= 0) {
            throw new IllegalArgumentException("a socket path or an fd, not both");
        }
    }

    /** What libpipewire finds itself (PIPEWIRE_REMOTE, then pipewire-0 in the runtime dir). */
    public static PwRemote sessionDefault() {
        return new PwRemote(null, -1);
    }

    public static PwRemote socket(Path socket) {
        return new PwRemote(socket.toAbsolutePath().toString(), -1);
    }

    /** A portal's PipeWire fd (OpenPipeWireRemote); libpipewire closes it with the connection. */
    public static PwRemote fd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("not an fd: " + fd);
        }
        return new PwRemote(null, fd);
    }

    @Override
    public String toString() {
        return socket != null ? socket : fd >= 0 ? "fd " + fd : "the session's PipeWire (" + sessionSocket() + ")";
    }

    /**
     * Where libpipewire will look, as the operator should check it: PIPEWIRE_REMOTE (a name, or a path), in
     * PIPEWIRE_RUNTIME_DIR, else XDG_RUNTIME_DIR.
     */
    private static String sessionSocket() {
        String name = System.getenv("PIPEWIRE_REMOTE");
        if (name == null || name.isEmpty()) {
            name = "pipewire-0";
        }
        if (name.startsWith("/")) {
            return name;
        }
        for (String variable : new String[] {"PIPEWIRE_RUNTIME_DIR", "XDG_RUNTIME_DIR"}) {
            String dir = System.getenv(variable);
            if (dir != null && !dir.isEmpty()) {
                return Path.of(dir, name).toString();
            }
        }
        return name + " in the runtime dir, but XDG_RUNTIME_DIR is unset: set lumen.pipewire.remote";
    }
}
