package io.lumen.api.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A session's audio pipeline as diagnostics show it. Since 1.2.
 *
 * @param captureBackend  id of the audio capture in use, "none" while there is none (silence is sent)
 * @param encoderBackend  id of the audio encoder in use, "none" while there is none (nothing is sent)
 * @param encoding        the encoding the client expects ("5.1 256 kbps 5 ms, ...") and the encoder's own words
 * @param packets         packets handed to the sink, silence included
 * @param silencePackets  packets made of silence because no capture delivered in time
 * @param dropped         packets of PCM dropped before encoding, by reason (the queue full, no encoder)
 * @param latencyP50Nanos capture-to-send time of a packet (its first sample captured to the sink's return), median
 *                        over the last few seconds; -1 before any captured packet
 * @param latencyP99Nanos the same, 99th percentile
 * @param syncNanos       how long after its capture the last packet was held to leave with the picture captured
 *                        with it (bounded); 0 when not held
 * @param captureStats    the capture backend's own figures
 */
public record AudioStats(String captureBackend, String encoderBackend, String encoding, long packets,
                         long silencePackets, Map<String, Long> dropped, long latencyP50Nanos,
                         long latencyP99Nanos, long syncNanos, Map<String, Object> captureStats) {

    public AudioStats {
        dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
        captureStats = Collections.unmodifiableMap(new LinkedHashMap<>(captureStats));
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
