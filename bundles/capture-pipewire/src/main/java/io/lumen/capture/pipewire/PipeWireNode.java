package io.lumen.capture.pipewire;

import java.util.List;

/**
 * A video node of the PipeWire graph.
 *
 * @param id          its global id, valid until the daemon restarts
 * @param name        its {@code node.name}
 * @param description its {@code node.description}, or empty
 * @param mediaClass  {@code Video/Source}, or {@code Stream/Output/Video} for a compositor's cast
 * @param serial      its {@code object.serial}, unique for the daemon's life; -1 when absent
 * @param formats     the formats it offers, one line each ("format=BGRx, size=1280x720, framerate=30/1"); empty when
 *                    it offers none now (a producer may offer them only once a consumer connects)
 */
public record PipeWireNode(int id, String name, String description, String mediaClass, long serial,
                           List<String> formats) {

    public PipeWireNode {
        formats = List.copyOf(formats);
    }
}
