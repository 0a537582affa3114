package io.lumen.api.capture;

import io.lumen.api.media.PixelFormat;
import io.lumen.api.media.VideoMode;

import java.util.Map;
import java.util.Set;

/**
 * What a session wants from its capture.
 *
 * @param mode          size and rate the client asked for (a backend that cannot resize delivers its own size, and
 *                      the session scales it to this one; a faster producer is held to this rate)
 * @param formats       pixel formats the session's encoder takes, best first
 * @param firstSequence the frame counter to start from, so numbering continues when a capture is replaced
 * @param options       backend-specific settings; {@value #TARGET} names what to capture
 */
public record CaptureRequest(VideoMode mode, Set<PixelFormat> formats, long firstSequence, Map<String, String> options) {

    /**
     * Option naming what to capture, for backends that capture something named: a PipeWire node id or name, a
     * window, an output. Absent: the backend's own default (its first node, the whole desktop). A backend that
     * captures nothing named ignores it.
     *
     * @since 1.1
     */
    public static final String TARGET = "target";

    /**
     * Option carrying the pid of the process an app launch runs (the app, or the {@link AppHost} around it), set by
     * the launcher for every capture of that launch. A backend may use it to find what the app shows; it never
     * stops that process: the launcher does, at quit.
     *
     * @since 1.2
     */
    public static final String APP_PID = "app.pid";

    /**
     * Option carrying the id of the session the capture streams for, set by the session manager on every capture
     * it opens, so a backend whose input shares its connection (a compositor's remote-desktop session linked to
     * its screencast) can be found by the session's input backend.
     *
     * @since 1.3
     */
    public static final String SESSION_ID = "session.id";

    public CaptureRequest {
        formats = Set.copyOf(formats);
        options = Map.copyOf(options);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("a capture request needs at least one pixel format");
        }
    }
}
