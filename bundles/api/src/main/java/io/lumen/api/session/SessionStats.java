package io.lumen.api.session;

import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param sinkStats       the figures of the sink the pictures go to (a protocol's stream)
 * @param audio           the audio pipeline's figures; null for a session without audio (since 1.2)
 * @param input           the input's figures; null for a session without input (a recording; since 1.3)
 */
public record SessionStats(String state, String captureBackend, String encoderBackend, double fps, long bitrateBps,
                           long framesCaptured, long framesEncoded, long framesDropped, long keyframes,
                           long bytesSent, List<SwapEvent> swaps, Map<String, Object> captureStats,
                           Map<String, Object> sinkStats, AudioStats audio, InputStats input) {

    public SessionStats {
        swaps = List.copyOf(swaps);
        captureStats = Collections.unmodifiableMap(new LinkedHashMap<>(captureStats));
        sinkStats = Collections.unmodifiableMap(new LinkedHashMap<>(sinkStats));
    }

    /** Stats of a session without input (the 1.2 form). */
    public SessionStats(String state, String captureBackend, String encoderBackend, double fps, long bitrateBps,
                        long framesCaptured, long framesEncoded, long framesDropped, long keyframes, long bytesSent,
                        List<SwapEvent> swaps, Map<String, Object> captureStats, Map<String, Object> sinkStats,
                        AudioStats audio) {
        this(state, captureBackend, encoderBackend, fps, bitrateBps, framesCaptured, framesEncoded, framesDropped,
                keyframes, bytesSent, swaps, captureStats, sinkStats, audio, null);
    }

    /** Stats of a session without audio (the 1.1 form). */
    public SessionStats(String state, String captureBackend, String encoderBackend, double fps, long bitrateBps,
                        long framesCaptured, long framesEncoded, long framesDropped, long keyframes, long bytesSent,
                        List<SwapEvent> swaps, Map<String, Object> captureStats, Map<String, Object> sinkStats) {
        this(state, captureBackend, encoderBackend, fps, bitrateBps, framesCaptured, framesEncoded, framesDropped,
                keyframes, bytesSent, swaps, captureStats, sinkStats, null, null);
    }

    /** Stats without a sink's figures (the 1.0 form). */
    public SessionStats(String state, String captureBackend, String encoderBackend, double fps, long bitrateBps,
                        long framesCaptured, long framesEncoded, long framesDropped, long keyframes, long bytesSent,
                        List<SwapEvent> swaps, Map<String, Object> captureStats) {
        this(state, captureBackend, encoderBackend, fps, bitrateBps, framesCaptured, framesEncoded, framesDropped,
                keyframes, bytesSent, swaps, captureStats, Map.of(), null, null);
    }
}
