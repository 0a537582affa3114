package io.lumen.tools.relay;

/** Which way a datagram travels through the relay. */
public enum Direction {
    /** host to client: video, audio, the host's side of the control stream */
    DOWN,
    /** client to host: pings, input, the client's side of the control stream */
    UP;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
