package io.lumen.api.input;

import java.util.Map;
import java.util.Objects;

/**
 * What an input backend is opened for. Since 2.0.
 *
 * @param sessionId    the session whose events follow
 * @param clientName   the client's name, for the virtual devices' names ("lumen keyboard (Steam Deck)")
 * @param streamWidth  the picture the client sees, in pixels: absolute positions arrive in the client's own view
 *                     of it ({@link MousePosition}), touch and pen in 0..1 of it
 * @param streamHeight in pixels
 * @param options      the session's capture options ({@code capture.backend}, {@code target}), so a backend that
 *                     injects into a compositor can aim at the output or window the session streams
 */
public record InputRequest(String sessionId, String clientName, int streamWidth, int streamHeight,
                           Map<String, String> options) {

    public InputRequest {
        Check.session(sessionId);
        Objects.requireNonNull(clientName, "clientName");
        Check.range("stream width", streamWidth, 1, 65535);
        Check.range("stream height", streamHeight, 1, 65535);
        options = Map.copyOf(options);
    }
}
