package io.lumen.api.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's input as diagnostics show it. Since 1.3.
 *
 * @param backend         id of the input backend injecting, "none" while there is none
 * @param injected        events the backend took, by kind ({@code InputKind.label()})
 * @param dropped         events not injected, by reason ("no input backend", "x11 has no gamepad", "x11 failed")
 * @param latencyP50Nanos an event's arrival at the host (the datagram read) to the backend's return from
 *                        injecting it, median over the last few thousand events; -1 before the first
 * @param latencyP99Nanos the same, 99th percentile
 * @param feedback        what the backend sent back to the client's pads, by kind ("rumble", "led")
 * @param held            what the client holds down now ("key 0x10", "button LEFT", "pad 0")
 */
public record InputStats(String backend, Map<String, Long> injected, Map<String, Long> dropped,
                         long latencyP50Nanos, long latencyP99Nanos, Map<String, Long> feedback, List<String> held) {

    public InputStats {
        injected = Collections.unmodifiableMap(new LinkedHashMap<>(injected));
        dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
        feedback = Collections.unmodifiableMap(new LinkedHashMap<>(feedback));
        held = List.copyOf(held);
    }

    public long injectedTotal() {
        return injected.values().stream().mapToLong(Long::longValue).sum();
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}
