package io.lumen.api.audio;

import java.util.Map;
import java.util.Objects;

/**
 * What a session wants from its audio capture.
 *
 * @param format        the client's channel layout; the capture delivers exactly this
 * @param packetMillis  the client's packet duration (5 or 10 ms); a capture that chooses its period asks for this
 * @param hostPlaysToo  the client asked for the audio to play on the host as well (Moonlight's local-audio
 *                      setting): the capture leaves the host's output alone and captures what it plays
 * @param options       backend-specific settings ({@value #TARGET} names what to capture)
 */
public record AudioCaptureRequest(AudioFormat format, int packetMillis, boolean hostPlaysToo,
                                  Map<String, String> options) {

    /** Option naming what to capture (a PipeWire sink or node); absent: the backend's default. */
    public static final String TARGET = "target";

    /** Option naming the client the session streams to, for what a capture shows the user ("streaming to x"). */
    public static final String CLIENT = "client";

    public AudioCaptureRequest {
        Objects.requireNonNull(format, "format");
        options = Map.copyOf(options);
        if (packetMillis <= 0) {
            throw new IllegalArgumentException("packet duration " + packetMillis + " ms");
        }
    }
}
