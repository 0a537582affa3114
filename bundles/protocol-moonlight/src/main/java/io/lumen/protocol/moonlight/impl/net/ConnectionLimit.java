package io.lumen.protocol.moonlight.impl.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** The connections a listener holds open, in all and per remote address, against its {@link TcpListener.Limits}. */
final class ConnectionLimit {

    private final TcpListener.Limits limits;
    private final Map<InetAddress, Integer> byAddress = new HashMap<>();
    private int open;
    private long refused;

    ConnectionLimit(TcpListener.Limits limits) {
        this.limits = limits;
    }

    /** Takes a place for a connection from {@code remote}; false (and counted) when a limit is reached. */
    synchronized boolean admit(InetAddress remote) {
        int fromRemote = byAddress.getOrDefault(remote, 0);
        if (open >= limits.perListener() || fromRemote >= limits.perAddress()) {
            refused++;
            return false;
        }
        open++;
        byAddress.put(remote, fromRemote + 1);
        return true;
    }

    /** Gives back the place of an admitted connection that closed. */
    synchronized void release(InetAddress remote) {
        open--;
        byAddress.computeIfPresent(remote, (address, count) -> count > 1 ? count - 1 : null);
    }

    synchronized int open() {
        return open;
    }

    synchronized long refused() {
        return refused;
    }
}
