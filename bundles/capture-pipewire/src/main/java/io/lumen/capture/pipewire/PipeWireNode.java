package io.lumen.capture.pipewire;

/**
 * A video node of the PipeWire graph.
 *
 * @param id          its global id, valid until the daemon restarts
 * @param name        its {@code node.name}
 * @param description its {@code node.description}, or empty
 * @param mediaClass  {@code Video/Source}, or {@code Stream/Output/Video} for a compositor's cast
 * @param serial      its {@code object.serial}, unique for the daemon's life; -1 when absent
 */
public record PipeWireNode(int id, String name, String description, String mediaClass, long serial) {
}
