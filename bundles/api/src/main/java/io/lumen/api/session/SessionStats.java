package io.lumen.api.session;

import java.util.List;
import java.util.Map;

/**
 * A session's pipeline as diagnostics show it.
 *
 * @param captureBackend  id of the capture in use, "none" while there is none
 * @param encoderBackend  id of the encoder in use, "none" while there is none
 * @param fps             pictures sent per second, over the last few seconds
 * @param bitrateBps      bits sent per second, over the last few seconds
 * @param framesDropped   captured frames replaced in the latest-frame slot before the encoder took them
 * @param captureStats    the capture backend's own figures
 */
public record SessionStats(String state, String captureBackend, String encoderBackend, double fps, long bitrateBps,
                           long framesCaptured, long framesEncoded, long framesDropped, long keyframes,
                           long bytesSent, List<SwapEvent> swaps, Map<String, Object> captureStats) {

    public SessionStats {
        swaps = List.copyOf(swaps);
        captureStats = Map.copyOf(captureStats);
    }
}
