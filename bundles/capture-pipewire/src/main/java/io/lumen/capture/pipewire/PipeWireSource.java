package io.lumen.capture.pipewire;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A node to stream and the daemon it lives on.
 *
 * @param node   the node's global id (digits) or its {@code node.name}
 * @param socket the daemon's socket; empty: the one the pipewire bundle is configured for
 * @param fd     a connection to the daemon handed over by someone else (a portal's OpenPipeWireRemote); taken over
 *               by the stream, which closes it
 */
public record PipeWireSource(String node, Optional<Path> socket, OptionalInt fd) {

    public PipeWireSource {
        Objects.requireNonNull(node, "node");
        if (node.isBlank()) {
            throw new IllegalArgumentException("a PipeWire source needs a node id or name");
        }
        node = node.strip();
        if (socket.isPresent() && fd.isPresent()) {
            throw new IllegalArgumentException("a PipeWire source is reached by a socket or an fd, not both");
        }
    }

    /** Node {@code node} on the configured daemon. */
    public static PipeWireSource of(String node) {
        return new PipeWireSource(node, Optional.empty(), OptionalInt.empty());
    }
}
