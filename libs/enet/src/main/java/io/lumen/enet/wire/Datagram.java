package io.lumen.enet.wire;

import java.util.List;

/** One decoded datagram: its header and its commands in order. */
public record Datagram(ProtocolHeader header, List<Command> commands) {

    public Datagram {
        commands = List.copyOf(commands);
    }
}
