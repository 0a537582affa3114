package io.lumen.capture.pipewire.impl.ffm;

import java.util.Map;

/**
 * A PipeWire node that produces video, as the registry announced it.
 *
 * @param id          the global id (what {@code pw_stream_connect}'s target id means; reused after removal)
 * @param name        {@code node.name}
 * @param description {@code node.description}, or ""
 * @param mediaClass  {@code media.class}: "Video/Source" (cameras, producers), "Stream/Output/Video" (KWin's casts)
 * @param serial      {@code object.serial} (never reused; what {@code target.object} takes as a number), or -1
 */
public record VideoNode(int id, String name, String description, String mediaClass, long serial) {

    /** Whether a node of {@code mediaClass} is a video source lumen can capture from. */
    static boolean producesVideo(String mediaClass) {
        return mediaClass != null && (mediaClass.startsWith("Video/Source") || mediaClass.equals("Stream/Output/Video"));
    }

    static VideoNode of(int id, Map<String, String> properties) {
        long serial;
        try {
            serial = Long.parseLong(properties.getOrDefault("object.serial", "-1"));
        } catch (NumberFormatException e) {
            serial = -1;
        }
        return new VideoNode(id, properties.getOrDefault("node.name", ""),
                properties.getOrDefault("node.description", ""), properties.get("media.class"), serial);
    }
}
