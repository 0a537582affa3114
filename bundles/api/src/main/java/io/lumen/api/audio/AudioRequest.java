package io.lumen.api.audio;

import java.util.Map;
import java.util.Objects;

/**
 * What a session's audio is to be: the encoding the client expects and how to capture it.
 *
 * @param hostPlaysToo   Moonlight's local-audio setting (see {@link AudioCaptureRequest#hostPlaysToo()})
 * @param captureOptions options for the audio capture backend
 */
public record AudioRequest(AudioEncoderConfig encoding, boolean hostPlaysToo, Map<String, String> captureOptions) {

    public AudioRequest {
        Objects.requireNonNull(encoding, "encoding");
        captureOptions = Map.copyOf(captureOptions);
    }

    public AudioFormat format() {
        return encoding.format();
    }
}
